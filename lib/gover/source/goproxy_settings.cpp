#include "gover/source/goproxy_settings.hpp"

#include <optional>

namespace gover {
namespace {

// cmd/go's cfg.Getenv then envOr: a non-empty environment value, else the go env file's, else
// the default.
std::string setting(const EnvLookup& env, const std::optional<std::filesystem::path>& file,
                    const char* key, std::string fallback) {
    if (auto value = env(key); value && !value->empty()) {
        return *value;
    }
    if (file) {
        if (auto value = read_go_env_value(*file, key); value && !value->empty()) {
            return *value;
        }
    }
    return fallback;
}

// One [...] class at the start of `pattern` against `c`; sets `length` to the class's size.
// nullopt when the class is malformed.
std::optional<bool> match_class(std::string_view pattern, char c, std::size_t& length) {
    std::size_t i = 1;
    const bool negated = i < pattern.size() && pattern[i] == '^';
    if (negated) {
        ++i;
    }
    bool matched = false;
    bool first = true;
    while (true) {
        if (i >= pattern.size()) {
            return std::nullopt;
        }
        if (pattern[i] == ']' && !first) {
            break;
        }
        first = false;
        auto one = [&](char& out) {
            if (pattern[i] == '\\') {
                ++i;
            }
            if (i >= pattern.size()) {
                return false;
            }
            out = pattern[i++];
            return true;
        };
        char lo = 0;
        char hi = 0;
        if (!one(lo)) {
            return std::nullopt;
        }
        hi = lo;
        if (i + 1 < pattern.size() && pattern[i] == '-' && pattern[i + 1] != ']') {
            ++i;
            if (!one(hi)) {
                return std::nullopt;
            }
        }
        matched = matched || (lo <= c && c <= hi);
    }
    length = i + 1;
    return matched != negated;
}

} // namespace

GoproxySettings GoproxySettings::read(const EnvLookup& env, bool darwin) {
    const auto file = go_env_file(env, darwin);
    GoproxySettings s;
    s.goproxy = setting(env, file, "GOPROXY", "https://proxy.golang.org,direct");
    s.gosumdb = setting(env, file, "GOSUMDB", "sum.golang.org");
    s.gonoproxy = setting(env, file, "GONOPROXY", setting(env, file, "GOPRIVATE", ""));
    s.netrc = env("NETRC").value_or("");
    return s;
}

bool path_match(std::string_view pattern, std::string_view name) {
    if (pattern.empty()) {
        return name.empty();
    }
    const char p = pattern[0];
    if (p == '*') {
        for (std::size_t skip = 0;; ++skip) {
            if (path_match(pattern.substr(1), name.substr(skip))) {
                return true;
            }
            if (skip >= name.size() || name[skip] == '/') {
                return false;
            }
        }
    }
    if (name.empty() || (name[0] == '/' && p != '/')) {
        return false;
    }
    if (p == '?') {
        return path_match(pattern.substr(1), name.substr(1));
    }
    if (p == '[') {
        std::size_t length = 0;
        const auto matched = match_class(pattern, name[0], length);
        return matched && *matched && path_match(pattern.substr(length), name.substr(1));
    }
    std::size_t length = 1;
    char literal = p;
    if (p == '\\') {
        if (pattern.size() < 2) {
            return false;
        }
        literal = pattern[1];
        length = 2;
    }
    return literal == name[0] && path_match(pattern.substr(length), name.substr(1));
}

bool match_prefix_patterns(std::string_view patterns, std::string_view target) {
    while (!patterns.empty()) {
        const auto comma = patterns.find(',');
        std::string_view glob = patterns.substr(0, comma);
        patterns =
            comma == std::string_view::npos ? std::string_view() : patterns.substr(comma + 1);
        while (!glob.empty() && (glob.front() == ' ' || glob.front() == '\t')) {
            glob.remove_prefix(1);
        }
        while (!glob.empty() && (glob.back() == ' ' || glob.back() == '\t')) {
            glob.remove_suffix(1);
        }
        if (glob.empty()) {
            continue;
        }
        // As many path elements of the target as the pattern has.
        std::size_t elements = 1;
        for (char c : glob) {
            elements += c == '/' ? 1 : 0;
        }
        std::size_t end = 0;
        for (std::size_t seen = 0; end < target.size(); ++end) {
            if (target[end] == '/' && ++seen == elements) {
                break;
            }
        }
        if (path_match(glob, target.substr(0, end))) {
            return true;
        }
    }
    return false;
}

} // namespace gover
