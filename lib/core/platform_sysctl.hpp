#pragma once
// The macOS-only seam: reading an integer sysctl. Elsewhere it reports "not available".

#include <optional>

namespace gover::detail {

// The value of a boolean sysctl (hw.optional.arm64, sysctl.proc_translated) on macOS; nullopt
// on other systems or when the name does not exist (Intel Macs have no hw.optional.arm64).
std::optional<bool> sysctl_flag(const char* name);

} // namespace gover::detail
