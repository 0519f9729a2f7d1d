#include "core/environment.hpp"

#include <cstdlib>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

namespace gover {

EnvLookup process_env() {
    return [](const char* name) -> std::optional<std::string> {
        if (const char* value = std::getenv(name)) { // the library's and the CLI's one getenv
            return std::string(value);
        }
        return std::nullopt;
    };
}

std::string process_env_value(const char* name) {
    return process_env()(name).value_or("");
}

namespace {

std::optional<std::string>& invocation_slot() {
    static std::optional<std::string> argv0;
    return argv0;
}

} // namespace

void set_invocation(std::string argv0) {
    invocation_slot() = std::move(argv0);
}

const std::optional<std::string>& invocation() {
    return invocation_slot();
}

std::optional<std::string> current_directory(const EnvLookup& env) {
    struct stat dot {};
    if (::stat(".", &dot) != 0 || dot.st_nlink == 0) {
        return std::nullopt; // deleted: nothing names it any more
    }
    // Like Go's os.Getwd: trust $PWD (the logical path through symlinks, which asdf, goenv and
    // cmd/go all walk up) when it is absolute, clean, and the same directory as ".".
    if (const auto pwd = env("PWD"); pwd && pwd->starts_with('/')) {
        const std::string_view p(*pwd);
        const bool clean = p.find("/./") == std::string_view::npos &&
                           p.find("/../") == std::string_view::npos && !p.ends_with("/.") &&
                           !p.ends_with("/..") && p.find("//") == std::string_view::npos &&
                           (p.size() == 1 || !p.ends_with('/'));
        struct stat st {};
        if (clean && ::stat(pwd->c_str(), &st) == 0 && st.st_dev == dot.st_dev &&
            st.st_ino == dot.st_ino) {
            return *pwd;
        }
    }
    char* cwd = ::getcwd(nullptr, 0); // allocates: no PATH_MAX limit with glibc and macOS
    if (cwd == nullptr) {
        return std::nullopt;
    }
    std::string out(cwd);
    std::free(cwd);
    if (out.empty() || out[0] != '/') {
        return std::nullopt; // Linux's "(unreachable)/..." for a directory outside our root
    }
    return out;
}

} // namespace gover
