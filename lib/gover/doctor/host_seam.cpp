#include "gover/doctor/host_seam.hpp"

#include <system_error>
#include <vector>

#if defined(__APPLE__)
#include <sys/sysctl.h>
#include <sys/types.h>
#include <unistd.h>
#endif

namespace gover::doctor::detail {

#if defined(__APPLE__)

std::optional<std::string> macos_product_version() {
    char buffer[64] = {};
    size_t size = sizeof(buffer) - 1;
    if (sysctlbyname("kern.osproductversion", buffer, &size, nullptr, 0) != 0) {
        return std::nullopt;
    }
    return std::string(buffer);
}

std::optional<bool> parent_translated() {
    // P_TRANSLATED (sys/proc.h): set on processes running under Rosetta.
    constexpr int k_p_translated = 0x00020000;
    int mib[4] = {CTL_KERN, KERN_PROC, KERN_PROC_PID, static_cast<int>(getppid())};
    struct kinfo_proc info {};
    size_t size = sizeof(info);
    if (sysctl(mib, 4, &info, &size, nullptr, 0) != 0 || size == 0) {
        return std::nullopt;
    }
    return (info.kp_proc.p_flag & k_p_translated) != 0;
}

#else

std::optional<std::string> macos_product_version() {
    return std::nullopt;
}

std::optional<bool> parent_translated() {
    return std::nullopt;
}

#endif

} // namespace gover::doctor::detail
