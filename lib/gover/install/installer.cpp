#include "gover/install/installer.hpp"

#include "core/installed.hpp"
#include "gover/install/install_transaction.hpp"
#include "gover/install/installed_check.hpp"
#include "gover/store/shim_links.hpp"

namespace gover {

void refresh_shims_after(const Layout& layout, const GoVersion& version,
                         const InstallEvents& events) {
    if (auto shims = refresh_shims(layout); !shims && events.notice) {
        events.notice("warning: " + version.toolchain_name() +
                      " is installed, but the shims were not refreshed: " + shims.error().message +
                      " (run 'gover doctor --fix')");
    }
}

Result<InstallResult> install(const Layout& layout, ToolchainSource& source,
                              const InstallRequest& request, const InstallEvents& events) {
    if (auto release = require_release(request.what); !release) {
        return tl::unexpected(release.error());
    }
    auto releases = source.releases(ListOptions{std::nullopt, false, events.notice});
    if (!releases) {
        // Offline with nothing cached: an exact version already in the store still counts.
        const bool exact = request.what.kind == VersionRequest::Kind::exact;
        if (exact && !request.force && is_installed(layout, request.what.version) &&
            releases.error().code == ErrorCode::network) {
            return installed_result(layout, request.what.version, host_platform());
        }
        return tl::unexpected(releases.error());
    }
    auto release = resolve_release(*releases, request.what);
    if (!release) {
        return tl::unexpected(release.error());
    }
    const Platform host = host_platform();
    InstallTarget target{release->version, request.platform.value_or(host),
                         request.platform.has_value() && *request.platform != host, request.force};
    // Installed already, for whichever platform: a no-op that says so, once the source still
    // vouches for the installed copy. Decided again under the lock before anything is written.
    auto installed = check_installed(layout, source, target);
    if (!installed) {
        return tl::unexpected(installed.error());
    }
    if (*installed) {
        return **installed;
    }
    auto toolchain = source.toolchain(target.version, target.platform);
    if (!toolchain) {
        return tl::unexpected(toolchain.error());
    }
    auto result = install_toolchain(layout, source, **toolchain, target, events);
    if (result && !result->already_installed) {
        refresh_shims_after(layout, result->version, events);
    }
    return result;
}

} // namespace gover
