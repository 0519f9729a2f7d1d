#pragma once
// An environment for code that takes an EnvLookup: exactly the variables given, nothing else.

#include <map>
#include <optional>
#include <string>

#include "core/environment.hpp"

namespace gover::test {

inline EnvLookup env_of(std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](const char* name) -> std::optional<std::string> {
        if (auto it = vars.find(name); it != vars.end()) {
            return it->second;
        }
        return std::nullopt;
    };
}

} // namespace gover::test
