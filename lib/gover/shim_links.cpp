// Placeholder until the shim issue lands.
#include "gover/shim_links.hpp"

namespace gover {

std::optional<std::filesystem::path> find_installed_shim() { return std::nullopt; }

Status refresh_shims(const Layout&) { return {}; }

} // namespace gover
