#include "core/platform_sysctl.hpp"

#if defined(__APPLE__)
#include <sys/sysctl.h>
#include <sys/types.h>
#endif

namespace gover::detail {

std::optional<bool> sysctl_flag(const char* name) {
#if defined(__APPLE__)
    int value = 0;
    size_t size = sizeof(value);
    if (sysctlbyname(name, &value, &size, nullptr, 0) != 0) {
        return std::nullopt;
    }
    return value != 0;
#else
    (void)name;
    return std::nullopt;
#endif
}

} // namespace gover::detail
