// Version parsing and ordering. Properties: parse never crashes; a parsed version never holds
// '/' or ".." (it names a directory in the store); print(parse(s)) parses back to an equal
// version and prints the same; the order is antisymmetric and consistent with equality.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/version.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto split = text.find('|');
    const std::string_view a = text.substr(0, split);
    const std::string_view b = split == std::string_view::npos ? a : text.substr(split + 1);

    auto va = gover::GoVersion::parse(a);
    auto vb = gover::GoVersion::parse_toolchain(b);
    if (va) {
        const std::string printed = va->str();
        if (printed.find('/') != std::string::npos || printed.find("..") != std::string::npos) {
            std::abort();
        }
        auto again = gover::GoVersion::parse(printed);
        if (!again || !(*again == *va) || again->str() != printed) {
            std::abort();
        }
    }
    if (va && vb) {
        const auto ab = *va <=> *vb;
        const auto ba = *vb <=> *va;
        if ((ab < 0) != (ba > 0) || (ab == 0) != (*va == *vb)) {
            std::abort();
        }
    }
    return 0;
}
