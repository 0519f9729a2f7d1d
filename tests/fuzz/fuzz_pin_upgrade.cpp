// The one-word edit `gover upgrade` makes to a pin file. Properties: never crashes; for a file
// whose pin is an exact version the edit succeeds, changes exactly that word (the bytes before
// and after it are the same), and the file read again pins the new version on the same line with
// the same fallbacks; a pin that is not the expected version is refused, naming path:line.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/version_files.hpp"
#include "gover/store/pin_upgrade.hpp"

namespace {

constexpr std::string_view k_new = "1.99.9";

void check(std::string_view text, bool tool_versions) {
    const std::string_view path = "/p/pin";
    std::optional<gover::PinLine> pin;
    if (tool_versions) {
        auto parsed = gover::parse_tool_versions(text, path);
        if (!parsed || !*parsed) {
            return;
        }
        pin = **parsed;
    } else {
        auto parsed = gover::parse_version_file(text, path);
        if (!parsed) {
            return;
        }
        pin = *parsed;
    }
    if (pin->pins.front().kind != gover::VersionRequest::Kind::exact) {
        return;
    }
    const gover::GoVersion& old = pin->pins.front().version;
    auto edited = gover::replace_pin_version(text, path, pin->line, tool_versions, old, k_new);
    if (!edited) {
        std::abort();
    }
    // The edit is one occurrence of the old word replaced, every other byte kept.
    const std::string& word = pin->words.front();
    bool one_word = false;
    for (auto at = text.find(word); at != std::string_view::npos && !one_word;
         at = text.find(word, at + 1)) {
        one_word = std::string(text.substr(0, at)) + std::string(k_new) +
                       std::string(text.substr(at + word.size())) ==
                   *edited;
    }
    if (!one_word) {
        std::abort();
    }
    gover::Result<std::optional<gover::PinLine>> again = std::optional<gover::PinLine>();
    if (tool_versions) {
        again = gover::parse_tool_versions(*edited, path);
    } else if (auto line = gover::parse_version_file(*edited, path)) {
        again = std::optional<gover::PinLine>(*line);
    }
    if (!again || !*again || (*again)->line != pin->line || (*again)->words.front() != k_new ||
        (*again)->words.size() != pin->words.size()) {
        std::abort();
    }
    for (std::size_t i = 1; i < pin->words.size(); ++i) {
        if ((*again)->words[i] != pin->words[i]) {
            std::abort();
        }
    }
    // Expecting another version than the file holds is refused, naming the line.
    auto refused = gover::replace_pin_version(text, path, pin->line, tool_versions,
                                              *gover::GoVersion::parse("1.99.8"), k_new);
    if (old == *gover::GoVersion::parse("1.99.8")) {
        return;
    }
    if (refused || !refused.error().message.starts_with("/p/pin:" + std::to_string(pin->line))) {
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    check(text, true);
    check(text, false);
    return 0;
}
