#include "gover/source/source_choice.hpp"

#include "gover/source/mirror_source.hpp"

namespace gover {

std::unique_ptr<ToolchainSource> source_from_environment(const Layout& layout) {
    return std::make_unique<MirrorSource>(layout, Mirror::from_environment(),
                                          TransferSettings::from_environment());
}

} // namespace gover
