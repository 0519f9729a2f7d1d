#include "gover/install/publish.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>

#include "gover/store/staging.hpp"

namespace gover {
namespace fs = std::filesystem;

Status check_version_file(const fs::path& root, const GoVersion& version, const std::string& what) {
    std::ifstream in(root / "VERSION");
    std::string first;
    if (!in || !std::getline(in, first)) {
        return fail(ErrorCode::archive, what + " has no go/VERSION file",
                    "the archive is not a Go toolchain; nothing was installed");
    }
    while (!first.empty() &&
           (first.back() == '\r' || first.back() == ' ' || first.back() == '\t')) {
        first.pop_back();
    }
    if (first != version.toolchain_name()) {
        return fail(ErrorCode::archive,
                    what + " holds " + (first.empty() ? "an empty VERSION" : first) + ", not " +
                        version.toolchain_name(),
                    "the mirror serves the wrong archive for this version; nothing was installed");
    }
    return {};
}

Status publish(const Layout& layout, const GoVersion& version, const fs::path& staging,
               const InstallMeta& meta) {
    auto old_meta = read_install_meta(layout, version);
    if (auto written = write_install_meta(layout, version, meta); !written) {
        return written;
    }
    auto restore_meta = [&] {
        if (old_meta && *old_meta) {
            (void)write_install_meta(layout, version, **old_meta);
        } else {
            (void)remove_install_meta(layout, version);
        }
    };
    const fs::path target = layout.version_dir(version);
    std::optional<fs::path> trash;
    std::error_code ec;
    if (fs::exists(fs::symlink_status(target, ec))) {
        trash = tmp_path(layout, TmpKind::trash, version);
        if (std::rename(target.c_str(), trash->c_str()) != 0) {
            const int err = errno;
            restore_meta();
            return fail(ErrorCode::io,
                        "cannot move " + target.string() + " aside: " + std::strerror(err));
        }
    }
    if (std::rename(staging.c_str(), target.c_str()) != 0) {
        const int err = errno;
        if (trash) {
            (void)std::rename(trash->c_str(), target.c_str());
        }
        restore_meta();
        return fail(ErrorCode::io, "cannot move " + staging.string() + " to " + target.string() +
                                       ": " + std::strerror(err));
    }
    if (trash) {
        (void)remove_tree(*trash);
    }
    return {};
}

} // namespace gover
