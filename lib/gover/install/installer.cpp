// The install command's library side: the index, the platform and the network around the
// pipeline of install_pipeline.cpp, then the shims.
#include "gover/install/installer.hpp"

#include "core/installed.hpp"
#include "gover/net/http.hpp"
#include "gover/source/index_source.hpp"
#include "gover/install/install_pipeline.hpp"
#include "gover/source/mirror.hpp"
#include "gover/store/shim_links.hpp"

namespace gover {

Result<InstallResult> install(const Layout& layout, const InstallRequest& request,
                              const InstallEvents& events) {
    if (request.what.kind == VersionRequest::Kind::system) {
        return fail(ErrorCode::usage, "'system' is the Go on PATH, not a release to install",
                    "name a version like 1.22.5 or a series like 1.22");
    }
    // Nothing is written before the store needs it: an installed version is a no-op even on a
    // read-only store (the index cache is disposable and skipped when it cannot be written).
    const Mirror mirror = Mirror::from_environment();
    const TransferSettings settings = TransferSettings::from_environment();
    IndexLoadOptions options;
    options.notice = events.notice;
    options.transfer = settings;
    auto index = load_index(layout, mirror, options);
    if (!index) {
        // Offline with nothing cached: an exact version already in the store still counts.
        const bool exact = request.what.kind == VersionRequest::Kind::exact;
        if (exact && !request.force && is_installed(layout, request.what.version) &&
            index.error().code == ErrorCode::network) {
            return already_installed(layout, request.what.version, host_platform());
        }
        return tl::unexpected(index.error());
    }
    auto release = index->resolve(request.what);
    if (!release) {
        return tl::unexpected(release.error());
    }
    // Installed already, for whichever platform: a no-op that says so (contract §4), once the
    // index still lists the hash the installed archive was verified against.
    if (!request.force && is_installed(layout, (*release)->version)) {
        if (auto ok = check_not_tampered(layout, **release); !ok) {
            return tl::unexpected(ok.error());
        }
        return already_installed(layout, (*release)->version, host_platform());
    }
    const Platform platform = request.platform.value_or(host_platform());
    auto plan = plan_install(**release, platform, mirror);
    if (!plan) {
        return tl::unexpected(plan.error());
    }
    plan->force = request.force;
    plan->platform_override = request.platform.has_value() && *request.platform != host_platform();

    const Fetcher fetch = [&](DownloadSink& sink, const auto& progress) {
        return download(plan->url, plan->size, sink, settings, progress);
    };
    auto result = run_install(layout, *plan, fetch, events);
    if (result && !result->already_installed) {
        if (auto shims = refresh_shims(layout); !shims && events.notice) {
            events.notice("warning: " + result->version.toolchain_name() +
                          " is installed, but the shims were not refreshed: " +
                          shims.error().message + " (run 'gover doctor --fix')");
        }
    }
    return result;
}

} // namespace gover
