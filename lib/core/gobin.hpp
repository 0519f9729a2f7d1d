#pragma once
// Where `go install` puts binaries (GOBIN), worked out the way cmd/go does but without running
// go: `gover init` puts it on PATH right after the shims (README "Commands" and README "How it
// works"), and running a toolchain at every shell start would cost far more than it is worth.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/environment.hpp"

namespace gover {

// The file `go env -w` writes: $GOENV (none when it is "off"), else the user config dir's
// go/env ($XDG_CONFIG_HOME or ~/.config; ~/Library/Application Support on macOS).
std::optional<std::filesystem::path> go_env_file(const EnvLookup& env, bool darwin);

// `go env -w` writes a few lines; a larger go env file is not Go's.
inline constexpr std::size_t k_max_go_env_file_bytes = 1 << 20;

// The value a `go env -w` file gives `key`, read as cmd/go reads it: `KEY=value` lines, the
// last one wins, anything else is ignored. nullopt when the file or key is missing, and when
// the file is not a regular file or is larger than k_max_go_env_file_bytes (never read then).
std::optional<std::string> read_go_env_value(const std::filesystem::path& file,
                                             std::string_view key);

// GOBIN from the environment or the go env file, else the first GOPATH entry's bin/, else
// $HOME/go/bin. Relative values are skipped, as cmd/go refuses them. Empty when HOME is unset
// and nothing else says.
std::filesystem::path gobin_dir(const EnvLookup& env, bool darwin);

// Go's module cache (GOMODCACHE) from the environment or the go env file, else the first GOPATH
// entry's pkg/mod, else $HOME/go/pkg/mod; relative values skipped as for GOBIN. Empty when HOME
// is unset and nothing else says.
std::filesystem::path gomodcache_dir(const EnvLookup& env, bool darwin);

} // namespace gover
