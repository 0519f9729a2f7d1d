// .tool-versions, .go-version and global: the files gover reads in every directory a user cd's
// into. Properties: never crashes; a pin read from a file is a valid pin of the same text; an
// error names the file and a real line ("path:N: ..."); `gover use` (pin_in_tool_versions)
// writes a file that reads back as exactly the version it pinned and keeps every other line.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text_lines.hpp"
#include "core/version_files.hpp"

namespace {

constexpr std::string_view k_path = "/p/.tool-versions";

// Lines as the parsers see them; an empty file (or a bare BOM) has none.
std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> out;
    if (gover::detail::skip_bom(text).empty()) {
        return out;
    }
    for (gover::detail::LineCursor cursor(text); cursor.next();) {
        out.push_back(cursor.line());
    }
    return out;
}

// The error names the file and a line of it (or line 1 of an empty file).
void check_error(const gover::Error& error, std::string_view text) {
    const std::string prefix = std::string(k_path) + ":";
    if (!error.message.starts_with(prefix)) {
        std::abort();
    }
    const std::size_t line = std::strtoul(error.message.c_str() + prefix.size(), nullptr, 10);
    const std::size_t lines = lines_of(text).size();
    if (line < 1 || line > std::max<std::size_t>(lines, 1)) {
        std::abort();
    }
}

void check_pin_line(const gover::PinLine& pin, std::string_view text) {
    const auto lines = lines_of(text);
    if (pin.words.empty() || pin.words.size() != pin.pins.size() || pin.line < 1 ||
        static_cast<std::size_t>(pin.line) > lines.size()) {
        std::abort();
    }
    for (const auto& word : pin.words) {
        // Each word is text of that line, before any comment, and parses as a pin on its own.
        const auto line = lines[static_cast<std::size_t>(pin.line) - 1];
        if (line.substr(0, line.find('#')).find(word) == std::string_view::npos ||
            !gover::parse_pin(word)) {
            std::abort();
        }
    }
}

// The first line whose first word (before '#') is golang or go, as asdf finds it.
std::optional<std::size_t> key_line(std::string_view text) {
    const auto lines = lines_of(text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto words = gover::detail::split_words(lines[i].substr(0, lines[i].find('#')));
        if (!words.empty() && (words[0] == "golang" || words[0] == "go")) {
            return i;
        }
    }
    return std::nullopt;
}

void check_use(std::string_view text) {
    if (text.find('\0') != std::string_view::npos) {
        return; // binary: gover use refuses to edit it (the parse fails first)
    }
    static constexpr std::string_view k_version = "1.22.5";
    const std::string out = gover::pin_in_tool_versions(text, k_version);
    auto reread = gover::parse_tool_versions(out, k_path);
    if (!reread || !*reread || (*reread)->words != std::vector<std::string>{"1.22.5"}) {
        std::abort();
    }
    // Every other line stays as it was.
    const auto before = lines_of(text);
    const auto after = lines_of(out);
    if (auto changed = key_line(text)) {
        if (before.size() != after.size()) {
            std::abort();
        }
        for (std::size_t i = 0; i < before.size(); ++i) {
            if (i != *changed && before[i] != after[i]) {
                std::abort();
            }
        }
    } else {
        if (after.size() != before.size() + 1) {
            std::abort();
        }
        for (std::size_t i = 0; i < before.size(); ++i) {
            if (before[i] != after[i]) {
                std::abort();
            }
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    auto tool_versions = gover::parse_tool_versions(text, k_path);
    if (!tool_versions) {
        check_error(tool_versions.error(), text);
    } else if (*tool_versions) {
        check_pin_line(**tool_versions, text);
        if ((*tool_versions)->key != "golang" && (*tool_versions)->key != "go") {
            std::abort();
        }
    }

    auto version_file = gover::parse_version_file(text, k_path);
    if (!version_file) {
        check_error(version_file.error(), text);
    } else {
        check_pin_line(*version_file, text);
        if (version_file->words.size() != 1) {
            std::abort();
        }
    }

    check_use(text);
    return 0;
}
