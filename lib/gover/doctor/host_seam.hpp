#pragma once
// The macOS-only host facts doctor needs, behind one seam: elsewhere they are "not available".

#include <filesystem>
#include <optional>
#include <string>

namespace gover::doctor::detail {

// "14.5" from sysctl kern.osproductversion; nullopt off macOS.
std::optional<std::string> macos_product_version();

// Whether the parent process (the shell that started gover) runs under Rosetta: the
// P_TRANSLATED flag of its kinfo_proc. nullopt off macOS or when it cannot be read.
std::optional<bool> parent_translated();

} // namespace gover::doctor::detail
