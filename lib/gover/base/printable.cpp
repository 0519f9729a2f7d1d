#include "gover/base/printable.hpp"

namespace gover {

std::string printable(std::string_view text) {
    constexpr std::size_t k_max = 200;
    std::string out;
    for (char c : text.substr(0, k_max)) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            static constexpr std::string_view k_hex = "0123456789abcdef";
            out += "\\x";
            out += k_hex[u >> 4];
            out += k_hex[u & 0xf];
        } else {
            out += c;
        }
    }
    if (text.size() > k_max) {
        out += "...";
    }
    return out;
}

} // namespace gover
