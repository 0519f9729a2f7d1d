#include "gover/sumdb/tree_note.hpp"

#include <charconv>

#include "gover/sumdb/base64.hpp"
#include "gover/sumdb/utf8_text.hpp"

namespace gover::sumdb {
namespace {

constexpr std::string_view k_tree_header = "go.sum database tree\n";

// A canonical non-negative decimal number (no sign, no leading zeros), or nullopt.
std::optional<std::int64_t> parse_canonical(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 0 ||
        std::to_string(value) != text) {
        return std::nullopt;
    }
    return value;
}

// Record text: lines of note text, no empty line, ending in '\n'.
bool is_record_text(std::string_view text) {
    return !text.empty() && text.back() == '\n' && text.front() != '\n' &&
           text.find("\n\n") == std::string_view::npos && is_note_text(text);
}

} // namespace

std::string format_tree(const Tree& tree) {
    return std::string(k_tree_header) + std::to_string(tree.size) + "\n" +
           hash_to_base64(tree.root) + "\n";
}

Result<Tree> parse_tree(std::string_view text, std::string_view what) {
    const auto malformed = [&] {
        return fail(ErrorCode::checksum, "malformed tree head from " + std::string(what) +
                                             ": expected \"" +
                                             "go.sum database tree\", a size and a root hash");
    };
    if (!text.starts_with(k_tree_header) || text.size() > 1'000'000) {
        return malformed();
    }
    text.remove_prefix(k_tree_header.size());
    const auto size_end = text.find('\n');
    const auto hash_end =
        size_end == std::string_view::npos ? size_end : text.find('\n', size_end + 1);
    if (hash_end == std::string_view::npos) {
        return malformed();
    }
    const auto size = parse_canonical(text.substr(0, size_end));
    const auto root = base64_decode(text.substr(size_end + 1, hash_end - size_end - 1));
    if (!size || !root || root->size() != 32) {
        return malformed();
    }
    Tree tree{*size, {}};
    std::copy(root->begin(), root->end(), tree.root.begin());
    return tree;
}

std::optional<Record> parse_record(std::string_view data) {
    const auto id_end = data.find('\n');
    if (id_end == std::string_view::npos) {
        return std::nullopt;
    }
    const auto id = parse_canonical(data.substr(0, id_end));
    const auto text_end = data.find("\n\n", id_end + 1);
    if (!id || text_end == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view text = data.substr(id_end + 1, text_end + 1 - (id_end + 1));
    if (!is_record_text(text)) {
        return std::nullopt;
    }
    return Record{*id, std::string(text), data.substr(text_end + 2)};
}

} // namespace gover::sumdb
