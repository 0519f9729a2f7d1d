#include "core/self_executable.hpp"

#include <climits>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#ifdef __APPLE__
#include <mach-o/dyld.h>
#endif

#include "core/environment.hpp"
#include "core/tool_exec.hpp"

namespace gover {

std::optional<std::filesystem::path> self_executable() {
#ifdef __APPLE__
    char buf[PATH_MAX];
    uint32_t size = sizeof buf;
    if (_NSGetExecutablePath(buf, &size) != 0) {
        return std::nullopt;
    }
    const char* path = buf;
#else
    const char* path = "/proc/self/exe";
#endif
    char* real = ::realpath(path, nullptr);
    if (real == nullptr) {
        return std::nullopt;
    }
    std::filesystem::path out(real);
    std::free(real);
    return out;
}

std::optional<std::filesystem::path> invoked_executable(const std::string& argv0) {
    auto self = self_executable();
    if (!self || argv0.empty()) {
        return self;
    }
    // A bare name was found on PATH by the shell: find it the same way.
    std::optional<std::string> named = argv0;
    if (argv0.find('/') == std::string::npos) {
        named = find_on_path(argv0, process_env_value("PATH"));
    }
    if (named) {
        std::error_code ec;
        auto invoked = std::filesystem::absolute(*named, ec).lexically_normal();
        if (!ec && std::filesystem::equivalent(invoked, *self, ec) && !ec) {
            return invoked;
        }
    }
    return self;
}

const char* apple_executable_path(char* const* apple) {
    constexpr std::string_view key = "executable_path=";
    for (; apple != nullptr && *apple != nullptr; ++apple) {
        if (std::string_view(*apple).starts_with(key)) {
            return *apple + key.size();
        }
    }
    return nullptr;
}

} // namespace gover
