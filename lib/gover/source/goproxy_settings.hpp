#pragma once
// The module proxy source's settings, read as cmd/go reads them (README "Installing through your
// company's Go module proxy"): the environment, then the `go env -w` file ($GOENV, else the user
// config dir's go/env), then Go's defaults. An empty value counts as unset, as in cmd/go.

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/gobin.hpp"

namespace gover {

inline constexpr std::string_view k_toolchain_module = "golang.org/toolchain";
// Where golang.org/toolchain's go-import tag points: what GOPROXY's "direct" means for it.
inline constexpr std::string_view k_toolchain_direct_url = "https://go.dev/dl/mod";

struct GoproxySettings {
    std::string goproxy;   // GOPROXY, default "https://proxy.golang.org,direct"
    std::string gosumdb;   // GOSUMDB, default "sum.golang.org"
    std::string gonoproxy; // GONOPROXY, else GOPRIVATE
    std::string netrc;     // $NETRC, else empty (libcurl's ~/.netrc)

    // From `env` and the go env file it locates (darwin: the macOS config dir).
    static GoproxySettings read(const EnvLookup& env, bool darwin);
};

// Go's module.MatchPrefixPatterns: whether `target` or one of its path prefixes matches one of
// the comma-separated glob patterns (path.Match: '*' and '?' stop at '/', [...] classes).
bool match_prefix_patterns(std::string_view patterns, std::string_view target);

// path.Match for one pattern against one name; false for a malformed pattern.
bool path_match(std::string_view pattern, std::string_view name);

} // namespace gover
