#pragma once
// The file `go env -w` writes (`go env GOENV`): $GOENV, else os.UserConfigDir()/go/env, which is
// ~/Library/Application Support/go/env on macOS and $XDG_CONFIG_HOME/go/env or ~/.config/go/env
// elsewhere. Read directly, so doctor needs no working go to see what it persists.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/go_env_text.hpp"

namespace gover::doctor {

class System;

using GoEnvSetting = gover::GoEnvSetting;

struct GoEnvFile {
    std::optional<std::filesystem::path> path; // where Go looks; unset for GOENV=off
    bool exists = false;
    std::vector<GoEnvSetting> settings; // one per name: the last line wins, as in Go

    const GoEnvSetting* find(std::string_view name) const;
};

// Where Go looks for the file on `os` ("darwin", "linux", ...), from GOENV, XDG_CONFIG_HOME
// and HOME as the System reports them (core/gobin.hpp's go_env_file). nullopt for GOENV=off or
// when Go could not find it either.
std::optional<std::filesystem::path> go_env_file_path(const System& sys, const std::string& os);

// Go's reading of the file: core/go_env_text.hpp's parser, with line numbers so findings can
// name path:line.
using gover::parse_go_env;

GoEnvFile read_go_env_file(const System& sys, const std::string& os);

} // namespace gover::doctor
