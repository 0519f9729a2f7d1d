// Pin files (.tool-versions, .go-version, global) and reading them (core/regular_file.hpp).
// go.mod / go.work parsing lives in module_file.cpp.
#include "core/version_files.hpp"

#include "core/regular_file.hpp"
#include "core/text_lines.hpp"

namespace gover {
namespace {

using detail::LineCursor;

Error at_line(std::string_view path, int line, const std::string& what, std::string hint) {
    return Error{ErrorCode::bad_pin, std::string(path) + ":" + std::to_string(line) + ": " + what,
                 std::move(hint)};
}

const char* const k_pin_hint =
    "write a version like 1.22.5, a language version like 1.22, or system";

// The words of a pin-file line before any `#` (asdf strips from `#` to the end of the line).
std::vector<std::string_view> pin_words(std::string_view line) {
    return detail::split_words(line.substr(0, line.find('#')));
}

Result<VersionRequest> parse_pin_at(std::string_view word, std::string_view path, int line) {
    auto pin = parse_pin(word);
    if (!pin) {
        return tl::unexpected(at_line(path, line, pin.error().message, k_pin_hint));
    }
    return pin;
}

Status check_text(std::string_view text, std::string_view path) {
    if (auto line = detail::first_nul_line(text)) {
        return tl::unexpected(at_line(path, *line, "binary data, not a version file",
                                      "replace it with a text file holding a version"));
    }
    return {};
}

} // namespace

Result<std::optional<PinLine>> parse_tool_versions(std::string_view text, std::string_view path) {
    if (auto ok = check_text(text, path); !ok) {
        return tl::unexpected(ok.error());
    }
    for (LineCursor lines(text); lines.next();) {
        const auto words = pin_words(lines.line());
        if (words.empty() || (words[0] != "golang" && words[0] != "go")) {
            continue;
        }
        // asdf stops at the first line naming the tool; with no version there, the file does not
        // pin it and the walk goes on to the parent directory.
        if (words.size() == 1) {
            return std::optional<PinLine>{};
        }
        PinLine out;
        out.key = std::string(words[0]);
        out.line = lines.number();
        for (std::size_t i = 1; i < words.size(); ++i) {
            auto pin = parse_pin_at(words[i], path, out.line);
            if (!pin) {
                return tl::unexpected(pin.error());
            }
            out.words.emplace_back(words[i]);
            out.pins.push_back(*pin);
        }
        return std::optional<PinLine>(std::move(out));
    }
    return std::optional<PinLine>{};
}

Result<PinLine> parse_version_file(std::string_view text, std::string_view path) {
    if (auto ok = check_text(text, path); !ok) {
        return tl::unexpected(ok.error());
    }
    for (LineCursor lines(text); lines.next();) {
        const auto words = pin_words(lines.line());
        if (words.empty()) {
            continue;
        }
        auto pin = parse_pin_at(words[0], path, lines.number());
        if (!pin) {
            return tl::unexpected(pin.error());
        }
        return PinLine{"", {std::string(words[0])}, {*pin}, lines.number()};
    }
    return tl::unexpected(at_line(path, 1, "holds no Go version",
                                  "write a version like 1.22.5 into it, or delete it"));
}

std::string pin_in_tool_versions(std::string_view text, std::string_view version) {
    const std::size_t bom = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    for (std::size_t start = bom; start < text.size();) {
        const std::size_t newline = text.find('\n', start);
        const std::size_t end = newline == std::string_view::npos ? text.size() : newline;
        std::string_view line = text.substr(start, end - start);
        const bool cr = line.ends_with('\r');
        if (cr) {
            line.remove_suffix(1);
        }
        const auto words = pin_words(line);
        if (!words.empty() && (words[0] == "golang" || words[0] == "go")) {
            const std::size_t indent = static_cast<std::size_t>(words[0].data() - line.data());
            const auto hash = line.find('#');
            std::string out(text.substr(0, start));
            out += line.substr(0, indent);
            out += words[0];
            out += ' ';
            out += version;
            if (hash != std::string_view::npos) {
                out += ' ';
                out += line.substr(hash);
            }
            out += text.substr(start + line.size()); // "\r\n" or "\n" and the rest, untouched
            return out;
        }
        start = newline == std::string_view::npos ? text.size() : newline + 1;
    }
    const auto first_newline = text.find('\n');
    const bool crlf = first_newline != std::string_view::npos && first_newline > 0 &&
                      text[first_newline - 1] == '\r';
    const char* eol = crlf ? "\r\n" : "\n";
    std::string out(text);
    if (out.size() > bom && out.back() != '\n') {
        // A last line ending in a lone CR is half a CRLF: complete it rather than add another.
        out += out.back() == '\r' ? "\n" : eol;
    }
    out += "golang ";
    out += version;
    out += eol;
    return out;
}

Result<std::optional<std::string>> read_regular_file(const std::string& path,
                                                     std::size_t max_bytes) {
    auto file = read_bounded_file(path, max_bytes);
    if (!file) {
        return tl::unexpected(file.error());
    }
    switch (file->state) {
    case FileState::read:
        return std::optional<std::string>(std::move(file->text));
    case FileState::too_large:
        return fail(ErrorCode::bad_pin,
                    path + " is larger than " + std::to_string(max_bytes / 1024) +
                        " KiB: not a version file",
                    "check what wrote it, or delete it");
    case FileState::absent:
    case FileState::not_regular:
        break;
    }
    return std::optional<std::string>{}; // nothing to read there: the walk looks elsewhere
}

} // namespace gover
