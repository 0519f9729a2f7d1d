// Spec and pin parsing and resolution. Properties: never crashes; a resolved version is one of
// the candidates and satisfies the request.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/spec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    // First line: the request; the rest: candidate versions, one a line.
    const auto newline = text.find('\n');
    const std::string_view head = text.substr(0, newline);
    std::vector<gover::GoVersion> candidates;
    if (newline != std::string_view::npos) {
        std::string_view rest = text.substr(newline + 1);
        while (!rest.empty()) {
            const auto end = rest.find('\n');
            if (auto v = gover::GoVersion::parse(rest.substr(0, end))) {
                candidates.push_back(*v);
            }
            rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
        }
    }
    for (auto request : {gover::parse_spec(head), gover::parse_pin(head)}) {
        if (!request) {
            continue;
        }
        (void)request->describe();
        for (auto fallback : {gover::PrereleaseFallback::no, gover::PrereleaseFallback::yes}) {
            auto best = gover::resolve(*request, candidates, fallback);
            if (best && !gover::matches(*request, *best)) {
                std::abort();
            }
        }
    }
    return 0;
}
