#include "core/tool_exec.hpp"

#include <climits>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

namespace gover {
namespace {

bool is_executable_file(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
           ::access(path.c_str(), X_OK) == 0;
}

bool same_directory(std::string_view a, const std::string& b) {
    if (a == b) {
        return true;
    }
    struct stat sa {};
    struct stat sb {};
    return ::stat(std::string(a).c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 &&
           sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

// Calls f(dir) for each PATH entry until it returns true; an empty entry is ".", as for execvp.
template <class F> void for_each_path_dir(std::string_view path_env, F&& f) {
    while (true) {
        const auto colon = path_env.find(':');
        std::string_view dir = path_env.substr(0, colon);
        if (f(dir.empty() ? std::string_view(".") : dir)) {
            return;
        }
        if (colon == std::string_view::npos) {
            return;
        }
        path_env.remove_prefix(colon + 1);
    }
}

std::string join(std::string_view dir, std::string_view name) {
    std::string out(dir);
    if (out.empty() || out.back() != '/') {
        out += '/';
    }
    out += name;
    return out;
}

bool is_gover_shim(const std::string& path) {
    char* real = ::realpath(path.c_str(), nullptr);
    if (real == nullptr) {
        return false;
    }
    const std::string_view r(real);
    const bool shim = r.substr(r.rfind('/') + 1) == "gover-shim";
    std::free(real);
    return shim;
}

} // namespace

ToolName parse_tool_name(std::string_view name) {
    if (name.starts_with("go1")) {
        auto v = GoVersion::parse(name);
        if (v && !v->minor().empty() && !v->is_language_version()) {
            return ToolName{"go", *v};
        }
    }
    return ToolName{std::string(name), std::nullopt};
}

std::string tool_path(const Layout& layout, const GoVersion& version, std::string_view tool) {
    return join((layout.version_dir(version) / "bin").string(), tool);
}

std::optional<std::string> find_on_path(std::string_view name, std::string_view path_env,
                                        std::string_view skip_dir) {
    std::optional<std::string> found;
    const std::string skip(skip_dir);
    for_each_path_dir(path_env, [&](std::string_view dir) {
        if (!skip.empty() && same_directory(dir, skip)) {
            return false;
        }
        std::string candidate = join(dir, name);
        if (is_executable_file(candidate)) {
            found = std::move(candidate);
            return true;
        }
        return false;
    });
    return found;
}

std::optional<std::string> find_system_tool(std::string_view tool, std::string_view path_env,
                                            const Layout& layout) {
    const std::string shims = layout.shims_dir().string();
    std::optional<std::string> found;
    for_each_path_dir(path_env, [&](std::string_view dir) {
        if (same_directory(dir, shims)) {
            return false;
        }
        std::string candidate = join(dir, tool);
        if (is_executable_file(candidate) && !is_gover_shim(candidate)) {
            found = std::move(candidate);
            return true;
        }
        return false;
    });
    return found;
}

std::vector<std::pair<std::string, std::string>>
toolchain_environment(const Layout& layout, const GoVersion& version,
                      const char* user_gotoolchain) {
    std::vector<std::pair<std::string, std::string>> vars;
    vars.emplace_back("GOROOT", layout.version_dir(version).string());
    if (user_gotoolchain == nullptr || *user_gotoolchain == '\0') {
        vars.emplace_back("GOTOOLCHAIN", "path");
    }
    return vars;
}

} // namespace gover
