#pragma once
// What gover reads from its process — environment variables and the working directory — goes
// through here and nowhere else: library code takes an EnvLookup (tests pass their own), and
// process_env() is the real one. (The shim reads its few variables itself: a minimal path.)

#include <functional>
#include <optional>
#include <string>

namespace gover {

// Reads one environment variable; nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(const char* name)>;

// The process environment.
EnvLookup process_env();

// A variable of the process environment, "" when unset: for the CLI's own choices (PATH,
// SHELL, NO_COLOR), which no test needs to fake.
std::string process_env_value(const char* name);

// The working directory as cmd/go's os.Getwd() names it: $PWD (from `env`) if it is absolute,
// clean and the same directory as ".", else getcwd(); nullopt when neither names it (deleted,
// or outside the process's root).
std::optional<std::string> current_directory(const EnvLookup& env);
inline std::optional<std::string> current_directory() {
    return current_directory(process_env());
}

// How the program was invoked (argv[0]), set once by the CLI at start; nullopt where nobody set
// it (the shim, tests, other users of the library). A shim refresh records that program in
// $GOVER_HOME/bin/gover; resolving it to a path waits until then.
void set_invocation(std::string argv0);
const std::optional<std::string>& invocation();

} // namespace gover
