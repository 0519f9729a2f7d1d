#include "core/gobin.hpp"

#include <cstdlib>

#include "core/go_env_text.hpp"
#include "core/regular_file.hpp"

namespace gover {
namespace {

std::optional<std::string> non_empty(std::optional<std::string> value) {
    if (value && value->empty()) {
        return std::nullopt;
    }
    return value;
}

// A variable as cmd/go sees it: the environment first, then the go env file.
std::optional<std::string> go_setting(const EnvLookup& env,
                                      const std::optional<std::filesystem::path>& file,
                                      const char* key) {
    if (auto value = non_empty(env(key))) {
        return value;
    }
    if (file) {
        return non_empty(read_go_env_value(*file, key));
    }
    return std::nullopt;
}

// "/x/bin/" and "/x/bin" must be one PATH entry, or re-sourcing the init script would add both.
std::filesystem::path clean(const std::filesystem::path& p) {
    std::filesystem::path out = p.lexically_normal();
    if (!out.has_filename() && out.has_relative_path()) {
        out = out.parent_path();
    }
    return out;
}

// GOPATH is a list like PATH; `go install` uses its first entry.
std::string first_list_entry(const std::string& list) {
    return list.substr(0, list.find(':'));
}

} // namespace

std::optional<std::filesystem::path> go_env_file(const EnvLookup& env, bool darwin) {
    if (auto goenv = non_empty(env("GOENV"))) {
        if (*goenv == "off") {
            return std::nullopt;
        }
        return std::filesystem::path(*goenv);
    }
    const auto home = non_empty(env("HOME"));
    if (darwin) {
        if (!home) {
            return std::nullopt;
        }
        return std::filesystem::path(*home) / "Library" / "Application Support" / "go" / "env";
    }
    if (auto xdg = non_empty(env("XDG_CONFIG_HOME"))) {
        // Go's os.UserConfigDir refuses a relative XDG_CONFIG_HOME, leaving no env file.
        if (!std::filesystem::path(*xdg).is_absolute()) {
            return std::nullopt;
        }
        return std::filesystem::path(*xdg) / "go" / "env";
    }
    if (!home) {
        return std::nullopt;
    }
    return std::filesystem::path(*home) / ".config" / "go" / "env";
}

std::optional<std::string> read_go_env_value(const std::filesystem::path& file,
                                             std::string_view key) {
    // Someone else's file: a FIFO, a device or a huge file there is skipped like a missing one,
    // never read (it could block every new shell, or fill memory).
    auto read = read_bounded_file(file.string(), k_max_go_env_file_bytes);
    if (!read || read->state != FileState::read) {
        return std::nullopt;
    }
    return go_env_text_value(read->text, key);
}

namespace {

// `key` when set to an absolute path, else <first GOPATH entry>/<below>, else
// $HOME/go/<below>: how cmd/go finds GOBIN and GOMODCACHE.
std::filesystem::path gopath_setting(const EnvLookup& env, bool darwin, const char* key,
                                     const std::filesystem::path& below) {
    const auto file = go_env_file(env, darwin);
    if (auto value = go_setting(env, file, key)) {
        std::filesystem::path p(*value);
        if (p.is_absolute()) {
            return clean(p);
        }
    }
    if (auto gopath = go_setting(env, file, "GOPATH")) {
        std::filesystem::path p(first_list_entry(*gopath));
        if (p.is_absolute()) {
            return clean(p / below);
        }
    }
    if (auto home = non_empty(env("HOME"))) {
        return clean(std::filesystem::path(*home) / "go" / below);
    }
    return {};
}

} // namespace

std::filesystem::path gobin_dir(const EnvLookup& env, bool darwin) {
    return gopath_setting(env, darwin, "GOBIN", "bin");
}

std::filesystem::path gomodcache_dir(const EnvLookup& env, bool darwin) {
    return gopath_setting(env, darwin, "GOMODCACHE", std::filesystem::path("pkg") / "mod");
}

} // namespace gover
