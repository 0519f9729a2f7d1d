#pragma once
// Line and word splitting shared by the version-file parsers: a UTF-8 BOM is skipped, lines end
// at LF with an optional CR before it, the last line needs no newline, and words are separated
// by spaces, tabs and stray CRs.

#include <optional>
#include <string_view>
#include <vector>

namespace gover::detail {

inline bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

// Spaces and tabs off both ends, and a line ending (CR, LF) off the end.
inline std::string_view trim_line(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
        s.remove_suffix(1);
    }
    return s;
}

inline std::string_view skip_bom(std::string_view text) {
    return text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text;
}

// for (LineCursor lines(text); lines.next();) { lines.line(); lines.number(); }
class LineCursor {
  public:
    explicit LineCursor(std::string_view text) : rest_(skip_bom(text)) {}

    bool next() {
        if (done_) {
            return false;
        }
        const auto end = rest_.find('\n');
        line_ = rest_.substr(0, end);
        if (end == std::string_view::npos) {
            done_ = true;
            rest_ = {};
        } else {
            rest_.remove_prefix(end + 1);
            done_ = rest_.empty(); // text ending in "\n" has no further line
        }
        if (line_.ends_with('\r')) {
            line_.remove_suffix(1);
        }
        ++number_;
        return true;
    }
    std::string_view line() const { return line_; }
    int number() const { return number_; }

  private:
    std::string_view rest_;
    std::string_view line_;
    int number_ = 0;
    bool done_ = false;
};

inline std::vector<std::string_view> split_words(std::string_view text) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && is_blank(text[i])) {
            ++i;
        }
        const std::size_t start = i;
        while (i < text.size() && !is_blank(text[i])) {
            ++i;
        }
        if (i > start) {
            words.push_back(text.substr(start, i - start));
        }
    }
    return words;
}

// The 1-based line of the first NUL byte: text with one is binary, not a version file.
inline std::optional<int> first_nul_line(std::string_view text) {
    const auto nul = text.find('\0');
    if (nul == std::string_view::npos) {
        return std::nullopt;
    }
    int line = 1;
    for (std::size_t i = 0; i < nul; ++i) {
        line += text[i] == '\n' ? 1 : 0;
    }
    return line;
}

} // namespace gover::detail
