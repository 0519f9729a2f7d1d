#include "gover/doctor/run_command.hpp"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gover/base/interrupt.hpp"

namespace gover::doctor {
namespace {

constexpr std::size_t k_max_output = 1u << 20;

std::optional<std::string> look_up(const std::string& name, const std::string& search_path) {
    if (name.find('/') != std::string::npos) {
        return name;
    }
    std::size_t at = 0;
    while (at <= search_path.size()) {
        auto colon = search_path.find(':', at);
        if (colon == std::string::npos) {
            colon = search_path.size();
        }
        const std::string dir = search_path.substr(at, colon - at);
        at = colon + 1;
        if (dir.empty()) {
            continue;
        }
        const std::string candidate = dir + "/" + name;
        struct stat st {};
        if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
            ::access(candidate.c_str(), X_OK) == 0) {
            return candidate;
        }
    }
    return std::nullopt;
}

struct Pipe {
    int fd[2] = {-1, -1};
    bool open(bool cloexec) {
        if (::pipe(fd) != 0) {
            return false;
        }
        if (cloexec) {
            ::fcntl(fd[0], F_SETFD, FD_CLOEXEC);
            ::fcntl(fd[1], F_SETFD, FD_CLOEXEC);
        }
        return true;
    }
    void close_both() {
        for (int& f : fd) {
            if (f >= 0) {
                ::close(f);
                f = -1;
            }
        }
    }
};

// argv or envp for execve: pointers into `strings`, then a null.
std::vector<char*> c_strings(const std::vector<std::string>& strings) {
    std::vector<char*> out;
    out.reserve(strings.size() + 1);
    for (const auto& text : strings) {
        out.push_back(const_cast<char*>(text.c_str()));
    }
    out.push_back(nullptr);
    return out;
}

// In the child: its own process group, stdin from /dev/null, stdout/stderr into the pipes; an
// exec failure's errno goes to `status`.
[[noreturn]] void exec_child(const std::string& program, std::vector<char*>& args,
                             std::vector<char*>& envp, Pipe& out, Pipe& err, Pipe& status) {
    ::setpgid(0, 0);
    const int null = ::open("/dev/null", O_RDONLY);
    if (null >= 0) {
        ::dup2(null, STDIN_FILENO);
    }
    ::dup2(out.fd[1], STDOUT_FILENO);
    ::dup2(err.fd[1], STDERR_FILENO);
    ::execve(program.c_str(), args.data(), envp.data());
    const int e = errno;
    (void)!::write(status.fd[1], &e, sizeof e);
    ::_exit(127);
}

// Reads the child's stdout and stderr until both close, the deadline passes or gover is
// interrupted (the child's group is then killed). Each stream keeps at most k_max_output.
void collect_output(pid_t pid, Pipe& out, Pipe& err, std::chrono::milliseconds timeout,
                    CommandResult& result) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string* sinks[2] = {&result.out, &result.err};
    struct pollfd fds[2] = {{out.fd[0], POLLIN, 0}, {err.fd[0], POLLIN, 0}};
    int open_streams = 2;
    while (open_streams > 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            result.timed_out = true;
            ::kill(-pid, SIGKILL);
            return;
        }
        // The child has its own process group, so Ctrl-C reaches only gover: pass it on.
        if (interrupted()) {
            ::kill(-pid, SIGKILL);
            return;
        }
        const int n = ::poll(fds, 2, static_cast<int>(left.count()));
        if (n < 0 && errno != EINTR) {
            return;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) {
                continue;
            }
            char buffer[8192];
            const ssize_t got = ::read(fds[i].fd, buffer, sizeof buffer);
            if (got > 0) {
                if (sinks[i]->size() < k_max_output) {
                    sinks[i]->append(buffer, static_cast<std::size_t>(got));
                }
            } else if (got == 0 || errno != EINTR) {
                fds[i].fd = -1;
                --open_streams;
            }
        }
    }
}

} // namespace

CommandResult run_command(const std::vector<std::string>& argv,
                          const std::vector<std::string>& environment,
                          const std::string& search_path, std::chrono::milliseconds timeout) {
    CommandResult result;
    if (argv.empty()) {
        return result;
    }
    const auto program = look_up(argv[0], search_path);
    if (!program) {
        return result;
    }
    std::vector<char*> args = c_strings(argv);
    std::vector<char*> envp = c_strings(environment);

    Pipe out;
    Pipe err;
    Pipe status; // reports an exec failure; closed by a successful exec (close-on-exec)
    auto close_all = [&] {
        out.close_both();
        err.close_both();
        status.close_both();
    };
    if (!out.open(false) || !err.open(false) || !status.open(true)) {
        close_all();
        return result;
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        close_all();
        return result;
    }
    if (pid == 0) {
        exec_child(*program, args, envp, out, err, status);
    }
    ::setpgid(pid, pid);
    ::close(out.fd[1]);
    ::close(err.fd[1]);
    ::close(status.fd[1]);
    out.fd[1] = err.fd[1] = status.fd[1] = -1;

    collect_output(pid, out, err, timeout, result);
    int exec_errno = 0;
    const bool exec_failed = ::read(status.fd[0], &exec_errno, sizeof exec_errno) ==
                             static_cast<ssize_t>(sizeof exec_errno);
    close_all();
    int wstatus = 0;
    while (::waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
    }
    if (exec_failed) {
        result.out.clear();
        result.err.clear();
        return result; // not started
    }
    result.started = true;
    if (!result.timed_out && WIFEXITED(wstatus)) {
        result.exit_code = WEXITSTATUS(wstatus);
    }
    return result;
}

} // namespace gover::doctor
