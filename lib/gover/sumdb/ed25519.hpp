#pragma once
// Ed25519 signature checks (RFC 8032) over OpenSSL's EVP interface, which stays out of this
// header.

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace gover::sumdb {

using Ed25519PublicKey = std::array<std::uint8_t, 32>;

// Whether signature is a valid Ed25519 signature of message under key. Any malformed input
// (a signature that is not 64 bytes, a key OpenSSL rejects) is simply not valid.
bool ed25519_verify(const Ed25519PublicKey& key, std::string_view message,
                    std::span<const std::uint8_t> signature);

} // namespace gover::sumdb
