#include "gover/install/install_transaction.hpp"

#include <chrono>

#include "gover/base/interrupt.hpp"
#include "gover/install/installed_check.hpp"
#include "gover/install/publish.hpp"
#include "gover/store/staging.hpp"
#include "gover/store/store_lock.hpp"

namespace gover {
namespace {

Error interrupted_error(const GoVersion& version) {
    return Error{
        ErrorCode::interrupted,
        "interrupted while installing " + version.toolchain_name() + "; nothing was installed", ""};
}

// The version's lock, saying so when another gover holds it and we wait.
Result<StoreLock> lock_version(const Layout& layout, const GoVersion& version,
                               const InstallEvents& events) {
    auto lock = StoreLock::acquire(layout, version.str(), StoreLock::Wait::try_only);
    if (!lock && lock.error().code == ErrorCode::not_found) {
        if (events.notice) {
            events.notice("waiting for another gover that is installing " +
                          version.toolchain_name());
        }
        lock = StoreLock::acquire(layout, version.str(), StoreLock::Wait::block);
    }
    return lock;
}

// Staging → verified tree → meta + rename. The caller holds the lock.
Result<InstallResult> stage_and_publish(const Layout& layout, ToolchainFetch& toolchain,
                                        const InstallTarget& target, const InstallEvents& events) {
    const auto started = std::chrono::steady_clock::now();
    auto staging = StagingDir::create(layout, target.version);
    if (!staging) {
        return tl::unexpected(staging.error());
    }
    auto fetched = toolchain.fetch_into(staging->path(), [&](auto received, auto total) {
        if (events.progress) {
            events.progress(received, total);
        }
        return !interrupted();
    });
    if (interrupted()) {
        return tl::unexpected(interrupted_error(target.version));
    }
    if (!fetched) {
        return tl::unexpected(fetched.error());
    }
    if (auto ok = check_version_file(staging->path(), target.version, toolchain.name()); !ok) {
        return tl::unexpected(ok.error());
    }
    InstallMeta meta = std::move(fetched->record);
    meta.version = target.version.str();
    meta.installed_at = utc_now_rfc3339();
    meta.platform = target.platform.str();
    meta.platform_override = target.platform_override;
    if (interrupted()) {
        return tl::unexpected(interrupted_error(target.version));
    }
    if (auto ok = publish(layout, target.version, staging->path(), meta); !ok) {
        return tl::unexpected(ok.error());
    }
    staging->release();

    InstallResult result;
    result.version = target.version;
    result.platform = target.platform;
    result.path = layout.version_dir(target.version);
    result.bytes = fetched->bytes;
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

} // namespace

Result<InstallResult> install_toolchain(const Layout& layout, ToolchainSource& source,
                                        ToolchainFetch& toolchain, const InstallTarget& target,
                                        const InstallEvents& events) {
    if (interrupted()) { // a signal during the index fetch: stop before touching the store
        return tl::unexpected(interrupted_error(target.version));
    }
    if (auto dirs = ensure_store_dirs(layout); !dirs) {
        return tl::unexpected(dirs.error());
    }
    auto lock = lock_version(layout, target.version, events);
    if (!lock) {
        return tl::unexpected(lock.error());
    }
    clean_stale_tmp(layout, target.version);
    // Decided under the lock: someone else may have finished (or tampered) while we waited.
    auto installed = check_installed(layout, source, target);
    if (!installed) {
        return tl::unexpected(installed.error());
    }
    if (*installed) {
        return **installed;
    }
    return stage_and_publish(layout, toolchain, target, events);
}

} // namespace gover
