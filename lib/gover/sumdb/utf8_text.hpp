#pragma once
// The text rules of Go's note and record formats: well-formed UTF-8, no control characters but
// newline, and names without spaces or '+'.

#include <optional>
#include <string_view>

namespace gover::sumdb {

// The code point starting at text[at] and its length in bytes; nullopt for malformed UTF-8
// (overlong forms, surrogates, beyond U+10FFFF, truncated sequences).
struct CodePoint {
    char32_t value = 0;
    std::size_t length = 0;
};
std::optional<CodePoint> decode_utf8(std::string_view text, std::size_t at);

// Well-formed UTF-8 with no code point below U+0020 except '\n'.
bool is_note_text(std::string_view text);

// A key or signature name: non-empty UTF-8 without '+' or any Unicode space.
bool is_note_name(std::string_view name);

} // namespace gover::sumdb
