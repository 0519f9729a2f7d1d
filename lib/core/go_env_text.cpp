#include "core/go_env_text.hpp"

namespace gover {

std::vector<GoEnvSetting> parse_go_env(std::string_view text) {
    std::vector<GoEnvSetting> out;
    int number = 0;
    while (!text.empty()) {
        ++number;
        const auto nl = text.find('\n');
        const std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        const auto eq = line.find('=');
        if (eq == std::string_view::npos || line[0] < 'A' || line[0] > 'Z') {
            continue;
        }
        std::string name(line.substr(0, eq));
        std::string value(line.substr(eq + 1));
        if (!value.empty() && value.back() == '\r') {
            value.pop_back();
        }
        bool replaced = false;
        for (auto& s : out) {
            if (s.name == name) {
                s.value = value;
                s.line = number;
                replaced = true;
            }
        }
        if (!replaced) {
            out.push_back(GoEnvSetting{std::move(name), std::move(value), number});
        }
    }
    return out;
}

std::optional<std::string> go_env_text_value(std::string_view text, std::string_view key) {
    for (auto& setting : parse_go_env(text)) {
        if (setting.name == key) {
            return std::move(setting.value);
        }
    }
    return std::nullopt;
}

} // namespace gover
