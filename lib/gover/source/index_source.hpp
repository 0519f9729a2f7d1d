#pragma once
// Gets the release index for a mirror, through the cache under $GOVER_HOME/cache/ (one per
// mirror URL): reused for 10 minutes, then revalidated (ETag / If-Modified-Since); when the
// mirror cannot be reached a cached copy is used with a notice. A file:// mirror's index.json is
// read directly (and its digest reused while the file is unchanged).
//
// Speed (issue 8): next to the raw JSON the cache keeps a compact digest (index_digest.hpp).
// A fresh cache is answered from the digest alone: no JSON parsing, no libcurl or OpenSSL.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/layout.hpp"
#include "gover/net/http.hpp"
#include "gover/source/mirror.hpp"
#include "gover/source/release_index.hpp"

namespace gover {

struct IndexLoadOptions {
    bool refresh = false;                           // ignore the 10-minute freshness window
    std::function<void(const std::string&)> notice; // e.g. "using the cached index (offline)"
    std::optional<TransferSettings> transfer;       // default: TransferSettings::from_environment()
    std::int64_t max_age_seconds = 600;             // how long a cached index is used as is
    // Keep only this platform's archives: cheaper on the cached path (list-remote). Without it
    // every archive is kept (install names the platforms that have one).
    std::optional<Platform> platform;
};

// The cache files for a mirror: cache/index-<hash of the mirror URL>.{json,digest}. The
// digest's modification time is when the index was last fetched or revalidated.
struct IndexCachePaths {
    std::filesystem::path raw;
    std::filesystem::path digest;
};
IndexCachePaths index_cache_paths(const Layout& layout, const Mirror& mirror);

// The mirror's release index. Releases keep only their archives (kind "archive": what gover
// lists and installs; only options.platform's when set), however the index was obtained. Errors:
// ErrorCode::usage for a mirror URL that may not be fetched (http without GOVER_INSECURE=1),
// ErrorCode::network when the mirror cannot be reached and nothing is cached, ErrorCode::index for
// a document that is not a release index, ErrorCode::io for an unreadable file:// mirror.
Result<ReleaseIndex> load_index(const Layout& layout, const Mirror& mirror,
                                const IndexLoadOptions& options = {});

// The index as the cache holds it (or a file:// mirror's own index.json), without the network
// and without revalidating: for tab completion. nullopt when nothing usable is there.
std::optional<ReleaseIndex> cached_index(const Layout& layout, const Mirror& mirror);

} // namespace gover
