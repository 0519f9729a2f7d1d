#include "core/layout.hpp"

#include <cstdlib>

namespace gover {

Result<Layout> Layout::from_environment() {
    if (const char* home = std::getenv("GOVER_HOME"); home && *home) {
        std::filesystem::path p(home);
        if (!p.is_absolute()) {
            return fail(ErrorCode::usage, "GOVER_HOME is not an absolute path: " + p.string(),
                        "set GOVER_HOME to an absolute directory");
        }
        return Layout(p.lexically_normal());
    }
    if (const char* home = std::getenv("HOME"); home && *home) {
        return Layout(std::filesystem::path(home) / ".gover");
    }
    return fail(ErrorCode::usage, "neither GOVER_HOME nor HOME is set",
                "set GOVER_HOME to the directory gover should use");
}

} // namespace gover
