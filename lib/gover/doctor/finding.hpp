#pragma once
// One thing doctor found (README "Troubleshooting"): a check id, a severity, what is wrong and why
// it breaks Go, the exact fix, and, when the fix is gover's own and safe, the repair --fix may
// perform.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/platform.hpp"
#include "core/spec.hpp"

namespace gover::doctor {

enum class Severity { info, warning, error };

// "info", "warning", "error": the words of the JSON output.
std::string_view severity_name(Severity severity);

// What `gover doctor --fix` may do about a finding. Only repairs inside $GOVER_HOME.
struct Repair {
    enum class Kind {
        none,
        refresh_shims,   // regenerate shims/ and bin/gover-shim
        clean_leftovers, // delete leftovers of gover runs that are gone, in tmp/
        remove,          // delete gover's own unusable entries (paths) under $GOVER_HOME
        install,         // `gover install spec`: a pinned version that is missing
        reinstall,       // `gover install --force spec`: a version whose files changed
        go_env_unset,    // `go env -u variable` (old_value shown when asking)
    };
    Kind kind = Kind::none;
    std::vector<std::filesystem::path> paths;
    std::optional<VersionRequest> request; // install, reinstall: what to install
    std::optional<Platform> platform;      // reinstall: the platform it was installed for
    std::string variable;
    std::string old_value;

    // Installs and `go env -u` change what the user runs: they are asked first.
    bool needs_confirmation() const {
        return kind == Kind::install || kind == Kind::reinstall || kind == Kind::go_env_unset;
    }
    // "install Go 1.22.5", "run `go env -u GOROOT` (now /usr/local/go)", ...
    std::string describe() const;
};

struct Finding {
    std::string check; // stable id, e.g. "path-shadow"
    Severity severity = Severity::info;
    std::string message; // what is wrong and why it breaks Go
    std::string fix;     // the exact command or edit
    // What the finding is about (a path, a variable); with `check` it identifies the finding
    // across the run before and after --fix.
    std::string subject;
    Repair repair;
    bool fixed = false; // set by --fix when the re-check no longer finds it
};

using Findings = std::vector<Finding>;

// 1 when any finding is a warning or an error, else 0 (README "Commands").
int exit_status(const Findings& findings);

// Quotes a path or word for a POSIX shell when it needs it: /a b -> '/a b'.
std::string shell_quote(std::string_view text);

} // namespace gover::doctor
