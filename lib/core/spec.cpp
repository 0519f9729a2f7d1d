#include "core/spec.hpp"

#include <algorithm>

namespace gover {

std::string VersionRequest::describe() const {
    switch (kind) {
    case Kind::exact:
        return version.str();
    case Kind::series:
        return version.str() + " (newest " + version.str() + ".x)";
    case Kind::minimum:
        return version.str() + " or newer";
    case Kind::latest:
        return "latest";
    case Kind::system:
        return "system";
    }
    return version.str();
}

Result<VersionRequest> parse_spec(std::string_view text) {
    if (text == "latest" || text == "1" || text == "go1") {
        return VersionRequest{VersionRequest::Kind::latest, {}};
    }
    if (text == "system") {
        return VersionRequest{VersionRequest::Kind::system, {}};
    }
    auto version = GoVersion::parse(text);
    if (!version) {
        return fail(ErrorCode::usage, version.error().message,
                    "use a version like 1.22.5, a series like 1.22, latest or system");
    }
    const bool series =
        !version->minor().empty() && version->patch().empty() && !version->is_prerelease();
    return VersionRequest{series ? VersionRequest::Kind::series : VersionRequest::Kind::exact,
                          *version};
}

Result<VersionRequest> parse_pin(std::string_view text) {
    if (text == "system") {
        return VersionRequest{VersionRequest::Kind::system, {}};
    }
    auto version = GoVersion::parse(text);
    if (!version) {
        return tl::unexpected(version.error());
    }
    return VersionRequest{version->is_language_version() ? VersionRequest::Kind::series
                                                         : VersionRequest::Kind::exact,
                          *version};
}

bool matches(const VersionRequest& request, const GoVersion& version) {
    switch (request.kind) {
    case VersionRequest::Kind::exact:
        return version == request.version;
    case VersionRequest::Kind::series:
        return version.same_series(request.version) && !version.is_language_version();
    case VersionRequest::Kind::minimum:
        return version >= request.version && !version.is_language_version();
    case VersionRequest::Kind::latest:
        return !version.is_prerelease();
    case VersionRequest::Kind::system:
        return false;
    }
    return false;
}

std::optional<GoVersion> resolve(const VersionRequest& request,
                                 const std::vector<GoVersion>& available,
                                 PrereleaseFallback fallback) {
    std::optional<GoVersion> best_stable;
    std::optional<GoVersion> best_pre;
    for (const auto& v : available) {
        if (!matches(request, v)) {
            continue;
        }
        if (request.kind == VersionRequest::Kind::exact) {
            return v;
        }
        auto& slot = v.is_prerelease() ? best_pre : best_stable;
        if (!slot || *slot < v) {
            slot = v;
        }
    }
    if (best_stable) {
        return best_stable;
    }
    if (fallback == PrereleaseFallback::yes) {
        return best_pre;
    }
    return std::nullopt;
}

Status require_release(const VersionRequest& request) {
    if (request.kind == VersionRequest::Kind::system) {
        return fail(ErrorCode::usage, "'system' is not a release: it names the Go on PATH",
                    "name a version like 1.22.5 or a series like 1.22");
    }
    return {};
}

} // namespace gover
