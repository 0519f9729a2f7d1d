#include "core/pin_source.hpp"

namespace gover {

std::string PinSource::describe() const {
    if (kind == Kind::env_var || kind == Kind::global || line <= 0) {
        return path;
    }
    return path + ":" + std::to_string(line);
}

std::string PinSource::phrase() const {
    return (is_module() ? "required by " : "set by ") + describe();
}

} // namespace gover
