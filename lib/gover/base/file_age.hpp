#pragma once
// How long ago a file was last written, for the caches' freshness (the release index, the proxy's
// version list).

#include <chrono>
#include <filesystem>
#include <optional>

namespace gover {

// Whole seconds, rounded down; negative when the file's time is in the future (a clock set back).
// nullopt when the file cannot be stat'ed. Measured on the same fine clock the kernel stamps files
// with: time() is the coarse clock, which can still read the previous second just after a write.
std::optional<std::chrono::seconds> file_age(const std::filesystem::path& path);

} // namespace gover
