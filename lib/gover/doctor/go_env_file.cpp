#include "gover/doctor/go_env_file.hpp"

#include "core/gobin.hpp"
#include "gover/doctor/system.hpp"

namespace gover::doctor {
namespace {
// `go env -w` writes a few lines; a larger file is not Go's.
constexpr std::size_t k_max_go_env_size = 1 << 20;
} // namespace

const GoEnvSetting* GoEnvFile::find(std::string_view name) const {
    for (const auto& s : settings) {
        if (s.name == name) {
            return &s;
        }
    }
    return nullptr;
}

std::optional<std::filesystem::path> go_env_file_path(const System& sys, const std::string& os) {
    const EnvLookup env = [&sys](const char* name) { return sys.env(name); };
    return go_env_file(env, os == "darwin");
}

std::vector<GoEnvSetting> parse_go_env(std::string_view text) {
    std::vector<GoEnvSetting> out;
    int number = 0;
    while (!text.empty()) {
        ++number;
        const auto nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
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

GoEnvFile read_go_env_file(const System& sys, const std::string& os) {
    GoEnvFile file;
    file.path = go_env_file_path(sys, os);
    if (!file.path) {
        return file;
    }
    auto text = sys.read(*file.path, 0, k_max_go_env_size);
    if (!text) {
        return file;
    }
    file.exists = true;
    file.settings = parse_go_env(*text);
    return file;
}

} // namespace gover::doctor
