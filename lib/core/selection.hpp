#pragma once
// Which Go runs here: the precedence walk of README "Which version runs", the one implementation
// behind the shim, `current`, `which`, `exec`, `list`, `install` with no spec, and doctor.
//
//   1. GOVER_VERSION (a pin; `gover shell` sets it)
//   2. walking up from the cwd, the first directory with a .tool-versions holding a golang/go
//      line (fallbacks: the first installed wins) or a .go-version; .tool-versions first
//   3. $GOVER_HOME/global
//   4. only when 1-3 pin nothing: go.work (nearest walking up, or an absolute $GOWORK; not with
//      GOWORK=off; a go.work naming no Go version is passed over), else the nearest go.mod:
//      its toolchain/go line is a minimum (go 1.22 = 1.22.0; no go line = cmd/go's 1.16), met
//      by the newest installed release at or above it (a pre-release only if nothing else is)
//   5. nothing: ErrorCode::no_pin
//
// Where the files disagree with the tools they come from: a .tool-versions line naming golang
// or go with no version does not pin (asdf); an empty .go-version or global is an error (goenv
// would fall back to system silently); a relative GOWORK is walked past (cmd/go refuses it).
// Reads only regular files, each bounded (version_files.hpp): FIFOs, devices and directories
// named like pin files are passed over; unreadable files, symlink loops, oversized or binary
// files are errors naming the path (and line). Nothing here prints or exits.

#include <optional>
#include <string>
#include <vector>

#include "core/environment.hpp"
#include "core/error.hpp"
#include "core/layout.hpp"
#include "core/pin_source.hpp"
#include "core/spec.hpp"
#include "core/unread_directory.hpp"
#include "core/version.hpp"
#include "core/version_files.hpp"

namespace gover {

// Everything selection reads from the process, gathered in one place so tests control it.
struct SelectionEnv {
    Layout layout;
    std::optional<std::string> gover_version; // $GOVER_VERSION; unset, empty or blank: no pin
    std::optional<std::string> gowork;        // $GOWORK; "off", "" / "auto", or a path
    // The absolute working directory, as cmd/go's os.Getwd() sees it ($PWD when it names the
    // same directory as ".", so a symlinked project walks up its logical path); nullopt when
    // the cwd has been deleted or cannot be named. Steps 2 and 4 are then skipped.
    std::optional<std::string> cwd;

    // From `env` (GOVER_VERSION, GOWORK, PWD) and the process's working directory.
    static SelectionEnv from_env(Layout layout, const EnvLookup& env);
    // From the real process.
    static SelectionEnv from_process(Layout layout);
};

struct Selection {
    // What the source asked for: the pin that applies (of a fallback list, the first
    // installed one, else the first), or the module's minimum (kind minimum).
    VersionRequest request;
    PinSource source;
    // The installed version the request resolves to; nullopt when none is installed ("pinned
    // but not installed") and for system.
    std::optional<GoVersion> version;
    // Every pin on the line, in order (one except for .tool-versions fallback lists).
    std::vector<VersionRequest> candidates;
    // A directory the walk (row 2) could not look in, when the selection came from above it:
    // a pin there was passed over. The shim and `current` say so on stderr.
    std::optional<UnreadDirectory> unread;

    bool is_system() const { return request.kind == VersionRequest::Kind::system; }
    // Whether there is something to run: system, or an installed version.
    bool runnable() const { return is_system() || version.has_value(); }
    // The installed version, "system", or what was asked for when it is missing ("1.21.0",
    // "1.22" for a language version, "1.22.0" for a go.mod minimum).
    std::string version_text() const;
    // The command that installs what was asked for: "gover install 1.21.0".
    std::string install_command() const;
    // ErrorCode::not_installed: "Go 1.21.0 is not installed (set by /p/.tool-versions:3)"
    // with the install command as the hint.
    Error not_installed_error() const;
};

// README "Which version runs". Fails with no_pin when nothing selects a version (the hint says how
// to pin), bad_pin/io naming path:line (or GOVER_VERSION) when the pin that applies cannot be read
// or is not a valid version. A pin that is valid but not installed is not an error: see
// Selection::version.
Result<Selection> select_version(const SelectionEnv& env);

// The go.work/go.mod minimum around env.cwd (step 4 alone), also when 1-3 pin something: doctor
// compares it with the selection. nullopt when there is no module file (or no cwd).
struct ModuleMinimum {
    ModuleRequirement requirement;
    PinSource source; // go_work or go_mod
};
Result<std::optional<ModuleMinimum>> find_module_minimum(const SelectionEnv& env);

// The spec a user would type to install what `request` asks for: an exact pin 1.20 is the go1.20
// release, spec 1.20.0 (spec 1.20 would mean the newest 1.20.x); a language version stays a
// series ("1.22"); a minimum names itself.
std::string install_spec(const VersionRequest& request);
// What `gover install` with no spec installs for a selected pin, as a typed request: a minimum
// installs exactly itself, a language version its series, an exact pin itself.
VersionRequest install_request(const VersionRequest& pin);
// The spec that names exactly `version`: 1.22.5, but 1.20.0 for the go1.20 release.
std::string install_spec(const GoVersion& version);

// The installed version a request resolves to (system: nullopt): exact pins by one stat of
// versions/<v>/bin/go, others against installed_versions(), pre-releases only when no stable
// release fits.
std::optional<GoVersion> resolve_installed(const Layout& layout, const VersionRequest& request);

} // namespace gover
