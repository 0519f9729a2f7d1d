#include "output.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <unistd.h>

#include "core/environment.hpp"

namespace gover::cli {
namespace {

bool g_quiet = false;
int g_stdout_errno = 0; // the first error writing stdout

// README "Commands": every error line says what to do. Most errors carry their own advice; these
// cover the low-level ones that do not.
std::string_view default_hint(ErrorCode code) {
    switch (code) {
    case ErrorCode::usage:
        return "see 'gover --help'";
    case ErrorCode::network:
        return "check the network, or set GOVER_MIRROR to another mirror";
    case ErrorCode::checksum:
    case ErrorCode::archive:
    case ErrorCode::index:
        return "the mirror served something wrong; try again, or set GOVER_MIRROR to another "
               "mirror";
    case ErrorCode::io:
        return "check the permissions and free space there";
    case ErrorCode::interrupted:
        return "nothing was changed; run the command again";
    case ErrorCode::internal:
        return "this is a bug in gover: please report it";
    default:
        return "run 'gover doctor' to see what is wrong";
    }
}

} // namespace

void print(std::string_view text) {
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() && g_stdout_errno == 0) {
        g_stdout_errno = errno != 0 ? errno : EIO;
    }
}

int finish_output(int status) {
    errno = 0;
    if (std::fflush(stdout) != 0 && g_stdout_errno == 0) {
        g_stdout_errno = errno != 0 ? errno : EIO;
    }
    if (g_stdout_errno == 0 && std::ferror(stdout) != 0) {
        g_stdout_errno = EIO;
    }
    if (g_stdout_errno == 0) {
        return status;
    }
    const int code = report(
        Error{ErrorCode::io,
              std::string("cannot write to standard output: ") + std::strerror(g_stdout_errno),
              "check where the output goes: a full disk or a closed file"});
    return status != k_exit_ok ? status : code;
}

int report(const Error& error) {
    std::string line = std::string("gover: ") +
                       (use_colour() ? "\033[1;31merror:\033[0m " : "error: ") + error.message;
    line += " (" + (error.hint.empty() ? std::string(default_hint(error.code)) : error.hint) + ")";
    line += "\n";
    std::fputs(line.c_str(), stderr);
    switch (error.code) {
    case ErrorCode::usage:
        return k_exit_usage;
    case ErrorCode::interrupted:
        return k_exit_interrupted;
    default:
        return k_exit_failure;
    }
}

void warn(std::string_view text) {
    std::string line = std::string("gover: ") +
                       (use_colour() ? "\033[1;33mwarning:\033[0m " : "warning: ") +
                       std::string(text) + "\n";
    std::fputs(line.c_str(), stderr);
}

void notice(std::string_view text) {
    if (g_quiet) {
        return;
    }
    std::string line = std::string(text) + "\n";
    std::fputs(line.c_str(), stderr);
}

void set_quiet(bool quiet) {
    g_quiet = quiet;
}

bool stderr_is_terminal() {
    return isatty(STDERR_FILENO) == 1;
}

bool use_colour() {
    return stderr_is_terminal() && process_env_value("NO_COLOR").empty();
}

} // namespace gover::cli
