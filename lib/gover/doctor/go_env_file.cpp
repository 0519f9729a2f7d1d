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
