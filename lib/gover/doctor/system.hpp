#pragma once
// The one narrow interface through which every doctor check sees the machine: environment
// variables, files, host facts, running a command, and the few gover functions it reports on
// or repairs with. RealSystem (real_system.hpp) is the production implementation; tests
// override any part to build a broken situation, a Mac's included, on any machine.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/layout.hpp"
#include "core/platform.hpp"
#include "core/selection.hpp"
#include "core/version.hpp"

namespace gover::doctor {

struct FileInfo {
    enum class Type { none, regular, directory, symlink, other };
    Type type = Type::none;
    bool executable = false; // any execute bit (regular files)
    std::uint64_t size = 0;
    std::uint64_t device = 0;
    std::uint64_t inode = 0;

    bool exists() const { return type != Type::none; }
    bool is_dir() const { return type == Type::directory; }
    bool is_file() const { return type == Type::regular; }
};

struct CommandResult {
    bool started = false;   // false: not found on PATH or could not be executed
    bool timed_out = false; // killed after the timeout
    int exit_code = -1;     // the status when it exited normally, else -1
    std::string out;        // stdout, capped
    std::string err;        // stderr, capped
};

struct HostInfo {
    HostFacts facts;                          // uname and sysctl (lib/core/platform.hpp)
    std::optional<std::string> macos_version; // "14.5" on macOS
    // Whether the process that started gover (the shell) runs under Rosetta; macOS only.
    std::optional<bool> parent_translated;
    std::filesystem::path self_exe; // the running gover, when known
};

// What version selection (README "Which version runs", lib/core/selection.hpp) says here, as doctor
// needs it.
struct SelectionFacts {
    enum class State {
        selected,      // version is installed and runs
        not_installed, // version is pinned (or required) but missing from the store
        none,          // nothing pins a version
        invalid,       // a pin cannot be read or is not a version (problem names path:line)
        system,        // the pin says "system"
        unknown,       // selection could not be asked
    };
    State state = State::unknown;
    std::optional<GoVersion> version; // selected, or what was asked for when missing
    std::string source;               // "GOVER_VERSION", "/p/.tool-versions:3", "/p/go.mod:3"
    bool from_module = false; // selected by a go.mod/go.work minimum (README "Which version runs")
    // not_installed: what `gover install` needs (exact 1.20.0 for a 1.20 pin, series 1.22, ...).
    std::optional<VersionRequest> install_request;
    std::string problem; // invalid/unknown: selection's own message
    std::string hint;    // invalid: selection's own advice
    // Pin files (and GOVER_VERSION) that a stronger source hides here but that break the shims
    // wherever they do apply: the global pin behind a local one, the directory's pin behind
    // GOVER_VERSION. Each is selection's error (naming path:line) and its advice.
    struct Hidden {
        std::string problem;
        std::string hint;
    };
    std::vector<Hidden> hidden_invalid;
};

// What the store knows about an installed version (meta/<v>.json and its manifest).
struct StoreRecord {
    bool recorded = false;            // a record exists and was read
    std::optional<Platform> platform; // the platform the archive was for
    bool platform_override = false;   // installed with --platform
    // `gover import` of a tree the checksum database could not prove: where it came from.
    std::optional<std::filesystem::path> unverified_import;
    std::vector<std::string> changed; // "bin/go (expected 123 bytes, found 120)", ...
    std::string problem;              // the record exists but cannot be used
};

class System {
  public:
    virtual ~System() = default;

    // Environment and host.
    virtual std::optional<std::string> env(const std::string& name) const = 0;
    virtual HostInfo host() const = 0;
    virtual std::filesystem::path cwd() const = 0;

    // Files. Paths are absolute. Nothing here throws.
    // Up to `max` bytes at `offset`; nullopt when the file cannot be read.
    virtual std::optional<std::string> read(const std::filesystem::path& file, std::uint64_t offset,
                                            std::size_t max) const = 0;
    virtual FileInfo stat(const std::filesystem::path& p) const = 0;  // follows symlinks
    virtual FileInfo lstat(const std::filesystem::path& p) const = 0; // does not
    // Entry names, sorted; nullopt when not a readable directory.
    virtual std::optional<std::vector<std::string>>
    list_dir(const std::filesystem::path& dir) const = 0;
    virtual std::optional<std::filesystem::path>
    read_link(const std::filesystem::path& p) const = 0;
    virtual std::optional<std::filesystem::path>
    canonical(const std::filesystem::path& p) const = 0;

    // Runs argv (argv[0] looked up on PATH, the overridden one if given) in the working
    // directory with the environment plus `overrides`, stdin from /dev/null.
    virtual CommandResult run(const std::vector<std::string>& argv,
                              const std::vector<std::pair<std::string, std::string>>& overrides,
                              std::chrono::milliseconds timeout) const = 0;

    // gover itself: selection (README "Which version runs"), the go.mod/go.work minimum around the
    // working directory, the store and its records, leftovers of interrupted runs, the shim this
    // gover ships.
    virtual SelectionFacts selection(const Layout& layout) const = 0;
    virtual std::optional<ModuleMinimum> module_minimum(const Layout& layout) const = 0;
    virtual std::vector<GoVersion> installed_versions(const Layout& layout) const = 0;
    virtual StoreRecord store_record(const Layout& layout, const GoVersion& version) const = 0;
    // Entries of tmp/ left by gover runs that are gone (nobody holds their version's lock).
    virtual std::vector<std::filesystem::path> stale_leftovers(const Layout& layout) const = 0;
    virtual std::optional<std::filesystem::path> installed_shim() const = 0;

    // Repairs (--fix), each safe to repeat.
    virtual Status remove_all(const std::filesystem::path& p) = 0;
    virtual Status clean_leftovers(const Layout& layout) = 0;
    virtual Status refresh_shims(const Layout& layout) = 0;
    // `gover install <spec>` (with --platform and --force when given).
    virtual Status install(const Layout& layout, const VersionRequest& request,
                           const std::optional<Platform>& platform, bool force) = 0;
};

} // namespace gover::doctor
