#pragma once
// A checksum database's public key in Go's verifier-key form, "<name>+<hash>+<key>": the key is
// base64 of an algorithm byte (1: Ed25519) and the 32-byte public key, and the hash is the first
// four bytes (8 hex digits) of SHA-256 over "<name>\n" and that key, so a key cannot be quietly
// renamed.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "gover/sumdb/ed25519.hpp"

namespace gover::sumdb {

struct VerifierKey {
    std::string name;       // the database name, e.g. sum.golang.org
    std::uint32_t hash = 0; // the key hash that signatures carry
    Ed25519PublicKey public_key{};
    std::string text; // the key as written
};

// Parses and checks a verifier key. Errors (ErrorCode::usage) name the key and what is wrong:
// malformed, wrong key hash, unknown algorithm.
Result<VerifierKey> parse_verifier_key(std::string_view text);

// The key hash of name with an algorithm-tagged key (the bytes after base64 decoding).
std::uint32_t verifier_key_hash(std::string_view name, std::string_view tagged_key);

// The public key of sum.golang.org, built in as cmd/go has it.
inline constexpr std::string_view k_sum_golang_org_key =
    "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";

// A checksum database: its verifier key and the URL it is reached at when no proxy serves it.
struct DatabaseSpec {
    VerifierKey key;
    std::string url; // no trailing slash
};

// A GOSUMDB value as cmd/go reads it: "sum.golang.org", "sum.golang.google.cn" (the same
// database and key, reached at https://sum.golang.google.cn), or "<verifier key>", each
// optionally followed by a URL (default https://<name>). "off" and unknown names are
// ErrorCode::usage errors naming GOSUMDB.
Result<DatabaseSpec> parse_gosumdb(std::string_view value);

} // namespace gover::sumdb
