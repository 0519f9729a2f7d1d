#include "gover/source/mirror.hpp"

#include <cstdlib>

namespace gover {

Mirror::Mirror(std::string base_url) : base_(std::move(base_url)) {
    if (base_.empty() || base_.back() != '/') {
        base_ += '/';
    }
}

Mirror Mirror::from_environment() {
    const char* env = std::getenv("GOVER_MIRROR");
    return Mirror(env && *env ? std::string(env) : std::string("https://go.dev/dl/"));
}

std::string Mirror::index_url() const {
    return is_file() ? base_ + "index.json" : base_ + "?mode=json&include=all";
}

} // namespace gover
