#include "gover/sumdb/utf8_text.hpp"

namespace gover::sumdb {
namespace {

bool is_continuation(unsigned char c) {
    return (c & 0xC0) == 0x80;
}

// Unicode's White_Space property, as Go's unicode.IsSpace reports it.
bool is_unicode_space(char32_t c) {
    switch (c) {
    case U'\t':
    case U'\n':
    case U'\v':
    case U'\f':
    case U'\r':
    case U' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
        return true;
    default:
        return c >= 0x2000 && c <= 0x200A;
    }
}

} // namespace

std::optional<CodePoint> decode_utf8(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead < 0x80) {
        return CodePoint{lead, 1};
    }
    std::size_t length = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2, value = lead & 0x1F, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, value = lead & 0x0F, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, value = lead & 0x07, minimum = 0x10000;
    } else {
        return std::nullopt;
    }
    if (text.size() - at < length) {
        return std::nullopt;
    }
    for (std::size_t k = 1; k < length; ++k) {
        const auto c = static_cast<unsigned char>(text[at + k]);
        if (!is_continuation(c)) {
            return std::nullopt;
        }
        value = (value << 6) | (c & 0x3F);
    }
    const bool surrogate = value >= 0xD800 && value <= 0xDFFF;
    if (value < minimum || value > 0x10FFFF || surrogate) {
        return std::nullopt;
    }
    return CodePoint{value, length};
}

bool is_note_text(std::string_view text) {
    for (std::size_t at = 0; at < text.size();) {
        const auto point = decode_utf8(text, at);
        if (!point || (point->value < 0x20 && point->value != U'\n')) {
            return false;
        }
        at += point->length;
    }
    return true;
}

bool is_note_name(std::string_view name) {
    if (name.empty()) {
        return false;
    }
    for (std::size_t at = 0; at < name.size();) {
        const auto point = decode_utf8(name, at);
        if (!point || point->value == U'+' || is_unicode_space(point->value)) {
            return false;
        }
        at += point->length;
    }
    return true;
}

} // namespace gover::sumdb
