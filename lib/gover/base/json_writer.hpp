#pragma once
// The one JSON writer for everything gover prints as JSON (list, current, list-remote, doctor).
// Built on nlohmann_json (kept private here); the output is always valid UTF-8: bytes in a path
// or file content that are not UTF-8 come out as U+FFFD (see README, "JSON output").

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace gover {

// A JSON value of the kinds gover prints: null, true/false, an integer, a string.
using JsonScalar = std::variant<std::nullptr_t, bool, std::int64_t, std::string>;

struct JsonMember {
    std::string key;
    JsonScalar value;
};

// A string literal: quotes, backslashes and control characters escaped, invalid UTF-8 replaced.
std::string json_string(std::string_view text);

// A line number counted from 1, or null for 0 (no line: the pin is not in a file's line).
JsonScalar json_line_number(int line);

// `{"key": value, "key": value}` on one line, members in the order given.
std::string json_object(const std::vector<JsonMember>& members);

// `[]`, or `[` then one item a line indented by `indent` spaces, then `]`; ends in a newline.
std::string json_array(const std::vector<std::string>& items, int indent);

} // namespace gover
