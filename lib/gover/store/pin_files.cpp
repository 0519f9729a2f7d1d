#include "gover/store/pin_files.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/stat.h>

#include "core/version_files.hpp"
#include "gover/base/atomic_file.hpp"
#include "gover/store/pin_link.hpp"

namespace gover {
namespace fs = std::filesystem;
namespace {

// Both pins are user state: durable, like any file an editor saves.
Status replace_atomically(const fs::path& target, const std::string& text,
                          std::optional<mode_t> mode) {
    return write_file_atomically(target, text, AtomicFileOptions{Durability::durable, mode, {}});
}

} // namespace

Status write_tool_versions_pin(const fs::path& path, const std::string& version) {
    // Dotfile managers link .tool-versions: edit the file it names, keep the link.
    const auto resolved = pin_write_target(path);
    if (!resolved) {
        return tl::unexpected(resolved.error());
    }
    const fs::path& target = *resolved;
    struct stat st {};
    std::optional<mode_t> mode;
    if (::stat(target.c_str(), &st) == 0) {
        if (!S_ISREG(st.st_mode)) {
            return fail(ErrorCode::io, path.string() + " is not a regular file",
                        "remove it, then run gover use again");
        }
        mode = static_cast<mode_t>(st.st_mode & 07777);
    }
    std::string text;
    if (mode) {
        auto current = read_regular_file(target.string(), k_max_pin_file_bytes);
        if (!current) {
            return tl::unexpected(current.error());
        }
        text = current->value_or("");
    }
    return replace_atomically(target, pin_in_tool_versions(text, version), mode);
}

Status write_global_pin(const Layout& layout, const std::string& version) {
    std::error_code ec;
    fs::create_directories(layout.home(), ec);
    if (ec) {
        return fail(ErrorCode::io, "cannot create " + layout.home().string() + ": " + ec.message(),
                    "check the permissions of " + layout.home().parent_path().string());
    }
    return replace_atomically(layout.global_file(), version + "\n", std::nullopt);
}

} // namespace gover
