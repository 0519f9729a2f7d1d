#pragma once
// Reads executable headers (gover/binary_arch.hpp) through the doctor's System interface.

#include <filesystem>
#include <optional>

#include "gover/binary/binary_arch.hpp"

namespace gover::doctor {

class System;

// The headers of `file`; nullopt when it cannot be read or its headers are malformed (doctor
// then has nothing to say about its architecture).
std::optional<BinaryInfo> read_binary(const System& sys, const std::filesystem::path& file);

} // namespace gover::doctor
