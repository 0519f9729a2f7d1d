#pragma once
// Gets the release index for a mirror, through the cache under $GOVER_HOME/cache/ (one per
// mirror URL): reused for 10 minutes, then revalidated (ETag / If-Modified-Since); when the
// mirror cannot be reached a cached copy is used with a notice.

#include <functional>
#include <string>

#include "core/error.hpp"
#include "core/layout.hpp"
#include "gover/mirror.hpp"
#include "gover/release_index.hpp"

namespace gover {

struct IndexLoadOptions {
    bool refresh = false;                          // ignore the 10-minute freshness window
    std::function<void(const std::string&)> notice; // e.g. "using the cached index (offline)"
};

Result<ReleaseIndex> load_index(const Layout& layout, const Mirror& mirror,
                                const IndexLoadOptions& options = {});

} // namespace gover
