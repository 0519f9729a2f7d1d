#pragma once
// Everything the checks share, gathered once through the System interface: the store layout,
// the host, PATH, the selection, the `go env -w` file and the shell startup files.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/layout.hpp"
#include "core/platform.hpp"
#include "gover/doctor/go_env_file.hpp"
#include "gover/doctor/startup_files.hpp"
#include "gover/doctor/system.hpp"

namespace gover::doctor {

struct Facts {
    const System* sys = nullptr;
    Layout layout{""};
    std::filesystem::path home; // $HOME
    HostInfo host;
    Platform platform;                       // the native host platform
    std::vector<std::filesystem::path> path; // PATH entries in order (empty ones dropped)
    std::optional<std::size_t> shims_at;     // index of $GOVER_HOME/shims in path
    SelectionFacts selection;
    std::vector<GoVersion> installed;    // newest first
    std::optional<ModuleMinimum> module; // go.mod/go.work around the working directory
    GoEnvFile go_env;
    std::vector<StartupFile> startup;
    mutable std::map<std::string, StoreRecord> records; // record()'s cache

    // Whether `dir` names $GOVER_HOME/shims (lexically or after resolving links).
    bool is_shims_dir(const std::filesystem::path& dir) const;
    // Every executable file `name` in PATH order, with the index of its PATH entry.
    struct Hit {
        std::filesystem::path file;
        std::size_t index;
    };
    std::vector<Hit> find_on_path(const std::string& name) const;
    // The toolchain the selection runs: versions/<v> (installed), or the root of the first `go`
    // on PATH outside the shims for "system". nullopt when nothing runs.
    std::optional<std::filesystem::path> selected_root() const;
    std::optional<std::filesystem::path> selected_go() const;
    // The store's record of an installed version, verified once per run (it hashes files).
    const StoreRecord& record(const GoVersion& version) const;
    // A variable from the environment, else from the `go env -w` file, else nullopt.
    std::optional<std::string> go_setting(const std::string& name) const;
    // Startup file lines that assign or export `variable`, to name them in a fix.
    std::vector<StartupLine> startup_lines_setting(const std::string& variable) const;
};

// Reads the facts. Fails only when neither GOVER_HOME nor HOME says where the store is.
Result<Facts> gather_facts(const System& sys);

// The root of a toolchain whose go binary is `go` (the parent of its bin/), following links.
std::optional<std::filesystem::path> toolchain_root(const System& sys,
                                                    const std::filesystem::path& go);

} // namespace gover::doctor
