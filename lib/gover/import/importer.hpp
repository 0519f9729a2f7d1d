#pragma once
// `gover import` for one toolchain found on the machine (README "Migrating"): which release the
// tree holds (VERSION; a module-cache directory's name must agree), whether its bin/go runs
// here, whether the store has that version already, and if not the import itself through the
// installer's transaction (local_tree_fetch.hpp). The CLI scans, prints and refreshes shims.

#include <filesystem>
#include <optional>
#include <set>
#include <string>

#include "core/error.hpp"
#include "core/layout.hpp"
#include "core/platform.hpp"
#include "gover/import/import_places.hpp"
#include "gover/import/local_tree_fetch.hpp"
#include "gover/install/install_types.hpp"

namespace gover {

struct ImportSettings {
    Platform host;
    bool dry_run = false; // decide and report, change nothing (no copy, no database)
    ModuleProver prove;   // for module-cache toolchains
    InstallEvents events; // notices (waiting for another gover's lock)
};

// What happened to one toolchain found: the line `gover import` prints.
struct ImportOutcome {
    std::string version; // "1.22.5"; empty when the tree names none
    std::filesystem::path path;
    bool verified = false; // proven (or, dry run, to be proven) by the checksum database
    // "imported", "already installed", "would import" (dry run), "skipped: <why>"
    std::string action;
    bool imported = false;
    // Why it was not imported when that is an error (a verification that failed, the disk) and
    // not just a tree that is not a toolchain for this machine.
    std::optional<Error> error;
};

class Importer {
  public:
    Importer(const Layout& layout, ImportSettings settings);

    // Never fails: every problem is the outcome's "skipped: <why>" (and its error when it is
    // one). An interrupted import has error code ErrorCode::interrupted.
    ImportOutcome import(const ImportCandidate& candidate);

  private:
    // The release in the tree, or why it is skipped.
    Result<GoVersion> inspect(const ImportCandidate& candidate,
                              const std::optional<ModuleCacheName>& name) const;

    const Layout& layout_;
    ImportSettings settings_;
    std::set<GoVersion> planned_; // dry run: versions an earlier line would import
};

} // namespace gover
