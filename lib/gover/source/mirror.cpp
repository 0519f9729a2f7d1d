#include "gover/source/mirror.hpp"

#include <cctype>
#include <cstdlib>
#include <string_view>

namespace gover {

Mirror::Mirror(std::string base_url) : base_(std::move(base_url)) {
    if (base_.empty() || base_.back() != '/') {
        base_ += '/';
    }
}

Mirror Mirror::from_env(const EnvLookup& env) {
    const auto value = env("GOVER_MIRROR");
    return Mirror(value && !value->empty() ? *value : std::string("https://go.dev/dl/"));
}

bool Mirror::is_file() const {
    constexpr std::string_view scheme = "file://";
    if (base_.size() < scheme.size()) {
        return false;
    }
    for (std::size_t i = 0; i < scheme.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(base_[i])) != scheme[i]) {
            return false;
        }
    }
    return true;
}

std::string Mirror::file_url(const std::string& filename) const {
    std::string url = base_ + filename;
    if (!is_file()) {
        return url;
    }
    // Everything but unreserved and reserved characters (and '%', already an escape) is encoded.
    constexpr std::string_view kept = "-._~:/?#[]@!$&'()*+,;=%";
    std::string out;
    for (const char c : url) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0 || kept.find(c) != std::string_view::npos) {
            out += c;
        } else {
            constexpr char hex[] = "0123456789ABCDEF";
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 15];
        }
    }
    return out;
}

std::string Mirror::index_url() const {
    return is_file() ? base_ + "index.json" : base_ + "?mode=json&include=all";
}

} // namespace gover
