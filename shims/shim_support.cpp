#include "shim_support.hpp"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef __APPLE__
#include <sys/auxv.h>
#endif

#include "core/self_executable.hpp"
#include "core/tool_exec.hpp"

extern char** environ;

namespace gover::shim {
namespace {

void write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        const ssize_t n = ::write(fd, text.data(), text.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return;
        }
        text.remove_prefix(static_cast<std::size_t>(n));
    }
}

bool same_file(const std::string& a, const std::string& b) {
    struct stat sa {};
    struct stat sb {};
    return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

std::optional<std::string> find_gover(const Layout& layout) {
    // Where the shim's real location says how it was installed: an installed
    // <prefix>/libexec/gover has <prefix>/bin/gover, the build tree has cmd/gover/gover, and
    // gover's own copy in $GOVER_HOME/bin has the link to the gover that put it there.
    const std::string self = self_executable().value_or(std::filesystem::path()).string();
    const std::string dir = self.substr(0, self.rfind('/'));
    std::string candidate;
    if (dir.ends_with("/libexec/gover")) {
        candidate = dir + "/../../bin/gover";
    } else if (dir.ends_with("/shims")) {
        candidate = dir + "/../cmd/gover/gover"; // the build tree
    } else if (!self.empty() && same_file(self, layout.shim_copy().string())) {
        candidate = layout.gover_link().string();
    }
    if (!candidate.empty() && ::access(candidate.c_str(), X_OK) == 0) {
        return candidate;
    }
    const char* path_env = std::getenv("PATH");
    return find_on_path("gover", path_env ? path_env : "", layout.shims_dir().string());
}

} // namespace

std::string_view base_name(const char* path) {
    if (path == nullptr) {
        return {};
    }
    std::string_view name(path);
    const auto slash = name.rfind('/');
    return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

const char* exec_path(char** apple) {
#ifdef __APPLE__
    return apple_executable_path(apple);
#else
    (void)apple;
    // getauxval returns every auxv value as an integer; AT_EXECFN's is a pointer by definition.
    // NOLINTNEXTLINE(performance-no-int-to-ptr)
    return reinterpret_cast<const char*>(::getauxval(AT_EXECFN));
#endif
}

std::string_view tool_name(const char* argv0, const char* exec_path) {
    const std::string_view exec_name = base_name(exec_path);
    if (parse_tool_name(exec_name).pinned) {
        return exec_name;
    }
    return base_name(argv0);
}

void die(const Error& error) {
    std::string line = "gover: error: " + error.message;
    if (!error.hint.empty()) {
        line += " (" + error.hint + ")";
    }
    line += '\n';
    write_all(STDERR_FILENO, line);
    ::_exit(127);
}

void warn(const std::string& text) {
    write_all(STDERR_FILENO, "gover: warning: " + text + "\n");
}

void enter_nested_run(const std::string& loop, const std::string& through) {
    const char* value = std::getenv(k_shim_depth_variable);
    int depth = 0;
    for (const char* c = value; c != nullptr && *c >= '0' && *c <= '9' && depth <= 1000; ++c) {
        depth = depth * 10 + (*c - '0');
    }
    if (depth >= k_max_shim_depth) {
        die(Error{ErrorCode::not_found,
                  loop + " resolves back to a gover shim through " + through + " (" +
                      std::to_string(depth) + " shims deep)",
                  "make " + through + " stop running a shim (go, gofmt, ...) from PATH"});
    }
    const std::string next = std::to_string(depth + 1);
    ::setenv(k_shim_depth_variable, next.c_str(), 1);
}

bool auto_install_enabled() {
    const char* value = std::getenv("GOVER_AUTO_INSTALL");
    return value != nullptr && std::string_view(value) == "1";
}

Status run_gover_install(const Layout& layout, const std::string& spec) {
    const std::string command = "gover install " + spec;
    auto gover = find_gover(layout);
    if (!gover) {
        return fail(ErrorCode::not_found,
                    "GOVER_AUTO_INSTALL=1 but no gover was found to run '" + command + "'",
                    "put gover on PATH, or run '" + command + "' yourself");
    }
    enter_nested_run("GOVER_AUTO_INSTALL=1's '" + command + "'", *gover);
    write_all(STDERR_FILENO, "gover: installing Go " + spec + " (GOVER_AUTO_INSTALL=1)\n");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, STDERR_FILENO, STDOUT_FILENO);
    std::string arg0 = *gover;
    std::string arg1 = "install";
    std::string arg2 = spec;
    char* args[] = {arg0.data(), arg1.data(), arg2.data(), nullptr};
    pid_t pid = 0;
    const int rc = ::posix_spawn(&pid, gover->c_str(), &actions, nullptr, args, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        return fail(ErrorCode::io, "cannot run " + *gover + ": " + std::strerror(rc),
                    "run '" + command + "' yourself");
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            return fail(ErrorCode::io, "lost track of '" + command + "'", "run it yourself");
        }
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        return {};
    }
    const std::string how = WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                                              : "signal " + std::to_string(WTERMSIG(status));
    return fail(ErrorCode::not_installed, "'" + command + "' failed (" + how + ")",
                "see its message above, or run it yourself");
}

} // namespace gover::shim
