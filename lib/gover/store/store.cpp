#include "gover/store/store.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

#include "gover/store/install_meta.hpp"
#include "gover/store/shim_links.hpp"
#include "gover/store/staging.hpp"
#include "gover/store/store_lock.hpp"

namespace gover {
namespace fs = std::filesystem;

Status uninstall_version(const Layout& layout, const GoVersion& version, ShimRefresh shims) {
    const fs::path dir = layout.version_dir(version);
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(dir, ec))) {
        return fail(ErrorCode::not_installed,
                    "Go " + version.str() + " is not installed (no " + dir.string() + ")",
                    "run 'gover list' to see what is installed");
    }
    if (auto dirs = ensure_store_dirs(layout); !dirs) {
        return dirs;
    }
    auto lock = StoreLock::acquire(layout, version.str(), StoreLock::Wait::block);
    if (!lock) {
        return tl::unexpected(lock.error());
    }
    clean_stale_tmp(layout, version);
    if (!fs::exists(fs::symlink_status(dir, ec))) {
        return fail(ErrorCode::not_installed,
                    "Go " + version.str() + " is not installed (another gover removed it)",
                    "run 'gover list' to see what is installed");
    }
    const fs::path trash = tmp_path(layout, TmpKind::trash, version);
    if (std::rename(dir.c_str(), trash.c_str()) != 0) {
        const int err = errno; // before anything else can touch it
        return fail(ErrorCode::io, "cannot remove " + dir.string() + ": " + std::strerror(err),
                    "check the permissions of " + layout.versions_dir().string());
    }
    // From here the version is gone for everyone; the rest is tidying up.
    auto meta = remove_install_meta(layout, version);
    (void)remove_tree(trash); // a leftover is stale once the lock is released: cleaned next time
    if (shims == ShimRefresh::yes) {
        if (auto refreshed = refresh_shims(layout); !refreshed) {
            return refreshed;
        }
    }
    return meta;
}

} // namespace gover
