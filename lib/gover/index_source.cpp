// Placeholder until the release index lands.
#include "gover/index_source.hpp"

namespace gover {

Result<ReleaseIndex> load_index(const Layout&, const Mirror&, const IndexLoadOptions&) {
    return fail(ErrorCode::internal, "the release index is not built yet");
}

} // namespace gover
