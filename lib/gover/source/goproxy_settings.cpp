#include "gover/source/goproxy_settings.hpp"

#include <optional>
#include <vector>

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

namespace {

// path.Match by recursion over (pattern offset, name offset), each pair decided at most once:
// without the memo, a run of '*' tries every split of the name for each star (exponential).
class PathMatcher {
  public:
    PathMatcher(std::string_view pattern, std::string_view name)
        : pattern_(pattern), name_(name), failed_((pattern.size() + 1) * (name.size() + 1)) {}

    bool match(std::size_t pi, std::size_t ni) {
        const std::size_t key = pi * (name_.size() + 1) + ni;
        if (failed_[key]) {
            return false;
        }
        const bool matched = decide(pi, ni);
        failed_[key] = !matched;
        return matched;
    }

  private:
    bool decide(std::size_t pi, std::size_t ni) {
        if (pi == pattern_.size()) {
            return ni == name_.size();
        }
        const char p = pattern_[pi];
        if (p == '*') {
            for (std::size_t at = ni;; ++at) { // '*' matches any run without a '/'
                if (match(pi + 1, at)) {
                    return true;
                }
                if (at == name_.size() || name_[at] == '/') {
                    return false;
                }
            }
        }
        if (ni == name_.size() || (name_[ni] == '/' && p != '/')) {
            return false;
        }
        if (p == '?') {
            return match(pi + 1, ni + 1);
        }
        if (p == '[') {
            std::size_t length = 0;
            const auto matched = match_class(pattern_.substr(pi), name_[ni], length);
            return matched && *matched && match(pi + length, ni + 1);
        }
        std::size_t length = 1;
        char literal = p;
        if (p == '\\') {
            if (pi + 1 == pattern_.size()) {
                return false;
            }
            literal = pattern_[pi + 1];
            length = 2;
        }
        return literal == name_[ni] && match(pi + length, ni + 1);
    }

    std::string_view pattern_;
    std::string_view name_;
    std::vector<bool> failed_;
};

} // namespace

bool path_match(std::string_view pattern, std::string_view name) {
    return PathMatcher(pattern, name).match(0, 0);
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
