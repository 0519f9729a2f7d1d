#pragma once
// The text of the file `go env -w` writes, read as cmd/go reads it (cmd/go/internal/cfg):
// KEY=VALUE lines whose key starts with an upper-case letter, the last line of a key winning;
// anything else is skipped. The one parser of that file: doctor, GOBIN and the module proxy
// source's settings all use it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gover {

struct GoEnvSetting {
    std::string name;
    std::string value;
    int line = 0; // 1-based, of the line that won
};

// Every setting, one per name, in order of first appearance. A '\r' ending a value is dropped
// (a file edited on Windows).
std::vector<GoEnvSetting> parse_go_env(std::string_view text);

// The value of `key` in the text; nullopt when no line sets it.
std::optional<std::string> go_env_text_value(std::string_view text, std::string_view key);

} // namespace gover
