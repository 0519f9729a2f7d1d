#pragma once
// What a user asks for (a spec on the command line, a pin in a file or GOVER_VERSION, a go.mod
// minimum) and the one function that picks the best match from a list of versions: the release
// index for install/use, the store for the shim, exec and shell. README "Commands".

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/version.hpp"

namespace gover {

struct VersionRequest {
    enum class Kind {
        exact,   // this version only: 1.22.5, 1.20 (as a pin), 1.20.0, 1.23rc1
        series,  // newest release of version's major.minor: spec 1.22 / 1.20, pin 1.22
        minimum, // newest release at or above version: go.mod's go/toolchain line
        latest,  // newest stable release: spec "latest" or "1"
        system,  // the first go on PATH that is not a gover shim
    };
    Kind kind = Kind::latest;
    GoVersion version; // unused for latest and system

    // How the request reads in messages: "1.22.5", "1.22 (newest 1.22.x)", "latest", ...
    std::string describe() const;
};

// A command-line spec: 1.22.5, go1.22.5, 1.20.0, 1.22 and 1.20 (series), 1, latest, 1.23rc1,
// system. Anything else is a usage error.
Result<VersionRequest> parse_spec(std::string_view text);

// A pin (a pin file or GOVER_VERSION): an exact version ("1.20" is the go1.20 release), a
// language version ("1.22": the newest installed 1.22.x), or system.
Result<VersionRequest> parse_pin(std::string_view text);

// ErrorCode::usage for a system request, which names the Go on PATH rather than a release: the one
// place install, use, list-remote and the installer refuse it.
Status require_release(const VersionRequest& request);

// Whether a series/minimum request may fall back to a pre-release when no stable release fits.
enum class PrereleaseFallback { no, yes };

// The best version in `available` for the request: for exact the equal one (spelled as in the
// list: exact 1.20.0 finds "1.20"), otherwise the newest that fits, stable first. nullopt when
// none fits, and always for system.
std::optional<GoVersion> resolve(const VersionRequest& request,
                                 const std::vector<GoVersion>& available,
                                 PrereleaseFallback fallback = PrereleaseFallback::no);

// Whether one version satisfies a request used as a filter (list-remote [spec]): a series keeps
// all of its releases, exact keeps itself, minimum keeps everything at or above it.
bool matches(const VersionRequest& request, const GoVersion& version);

} // namespace gover
