#include "output.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace gover::cli {
namespace {
bool g_quiet = false;
} // namespace

int report(const Error& error) {
    std::string line = std::string("gover: ") +
                       (use_colour() ? "\033[1;31merror:\033[0m " : "error: ") + error.message;
    if (!error.hint.empty()) {
        line += " (" + error.hint + ")";
    }
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
    const char* no_colour = std::getenv("NO_COLOR");
    return stderr_is_terminal() && !(no_colour && *no_colour);
}

} // namespace gover::cli
