#pragma once
// JSON string literals for the commands that print small JSON documents by hand.

#include <cstdio>
#include <string>
#include <string_view>

namespace gover::cli {

// "text" with quotes, backslashes and control characters escaped (RFC 8259 §7).
inline std::string json_quote(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (u < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", u);
            out += buf;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

} // namespace gover::cli
