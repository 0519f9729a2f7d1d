#pragma once
// The texts the checksum database signs and serves: the tree head
// "go.sum database tree\n<size>\n<base64 root hash>\n" and records "<id>\n<text>\n", whose text
// is go.sum lines ("<module> <version> h1:<hash>") ending in a single '\n'. A lookup answers
// with the record and then the signed tree head.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "gover/sumdb/tlog_hash.hpp"

namespace gover::sumdb {

struct Tree {
    std::int64_t size = 0;
    TlogHash root{};

    bool operator==(const Tree&) const = default;
};

std::string format_tree(const Tree& tree);

// The tree head in a note's text; lines after the third are ignored (room for extensions, as
// in Go). Errors (ErrorCode::checksum) name `what`.
Result<Tree> parse_tree(std::string_view text, std::string_view what);

struct Record {
    std::int64_t id = 0;
    std::string text;      // the go.sum lines, ending in '\n'
    std::string_view rest; // what follows the record in the input
};

// "<id>\n<text>\n" at the start of data: a canonical decimal id, then UTF-8 text lines without
// control characters or blank lines, ended by a blank line. nullopt when malformed.
std::optional<Record> parse_record(std::string_view data);

} // namespace gover::sumdb
