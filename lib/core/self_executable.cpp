#include "core/self_executable.hpp"

#include <climits>
#include <cstdint>
#include <cstdlib>

#ifdef __APPLE__
#include <mach-o/dyld.h>
#endif

namespace gover {

std::optional<std::filesystem::path> self_executable() {
#ifdef __APPLE__
    char buf[PATH_MAX];
    uint32_t size = sizeof buf;
    if (_NSGetExecutablePath(buf, &size) != 0) {
        return std::nullopt;
    }
    const char* path = buf;
#else
    const char* path = "/proc/self/exe";
#endif
    char* real = ::realpath(path, nullptr);
    if (real == nullptr) {
        return std::nullopt;
    }
    std::filesystem::path out(real);
    std::free(real);
    return out;
}

} // namespace gover
