#pragma once
// Go's signed note format (golang.org/x/mod/sumdb/note): UTF-8 text ending in '\n', a blank
// line, then one line per signature, "— <name> <base64 of key hash (4 bytes) and signature>".
// The checksum database signs its tree heads this way.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "gover/sumdb/verifier_key.hpp"

namespace gover::sumdb {

struct NoteSignature {
    std::string name;
    std::uint32_t hash = 0;
    std::string base64; // key hash and signature, as written
};

struct OpenedNote {
    std::string text;                      // up to and including its last '\n'
    std::vector<NoteSignature> verified;   // by one of the given keys, each key once
    std::vector<NoteSignature> unverified; // by keys not given, duplicates dropped
};

// Splits a signed note, checks every signature made by one of `keys` and requires at least
// one. Errors (ErrorCode::checksum), each naming `what` (e.g. the URL it came from):
// malformed note, more than 100 signatures, a bad signature by a known key, no signature by
// any known key (naming the keys that did sign).
Result<OpenedNote> open_note(std::string_view message, std::span<const VerifierKey> keys,
                             std::string_view what);

} // namespace gover::sumdb
