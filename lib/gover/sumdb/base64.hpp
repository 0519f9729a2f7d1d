#pragma once
// Standard base64 (RFC 4648 §4, with '=' padding) as the checksum database writes it: keys,
// signatures and tree hashes.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gover::sumdb {

std::string base64_encode(std::span<const std::uint8_t> bytes);

// The decoded bytes, or nullopt when text is not padded standard base64 (a length that is not a
// multiple of 4, a character outside the alphabet, '=' anywhere but the end).
std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text);

} // namespace gover::sumdb
