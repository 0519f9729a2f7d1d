#pragma once
// The CLI's only ways to speak: data to stdout, notices and errors to stderr (README "Commands").

#include <string_view>

#include "core/error.hpp"

namespace gover::cli {

// Exit statuses of README "Commands".
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_failure = 1;
inline constexpr int k_exit_usage = 2;
inline constexpr int k_exit_shim = 127;
inline constexpr int k_exit_interrupted = 130;

// Writes `text` to stdout, the command's data. A failed write is remembered for finish_output.
void print(std::string_view text);

// Flushes stdout. When any byte of the output was lost (a full disk, /dev/full, a closed
// descriptor) prints one error naming standard output and returns 1 (or `status` if that is
// already a failure); otherwise returns `status`. main calls it once, after the command.
int finish_output(int status);

// Prints "gover: error: <message> (<hint>)" and returns the exit status for the error's code.
int report(const Error& error);

// Prints "gover: warning: <text>" to stderr.
void warn(std::string_view text);

// Prints a notice line to stderr unless --quiet was given.
void notice(std::string_view text);
void set_quiet(bool quiet);

// Whether stderr is a terminal that may get colour and progress (never with NO_COLOR for colour).
bool stderr_is_terminal();
bool use_colour();

} // namespace gover::cli
