// Placeholder until the install issue lands.
#include "gover/installer.hpp"

namespace gover {

Result<InstallResult> install(const Layout&, const InstallRequest&, const InstallEvents&) {
    return fail(ErrorCode::internal, "gover install is not built yet");
}

} // namespace gover
