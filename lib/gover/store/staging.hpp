#pragma once
// Scratch space under $GOVER_HOME/tmp (same file system as versions/, so renames are atomic).
// Names say what made them and for which version: install-<v>-<pid>-<rand> (staging trees),
// trash-<v>-<pid>-<rand> (uninstalled trees being deleted), meta-<v>-<pid>-<rand> (a meta file
// being written). A leftover is stale when nobody holds that version's lock.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/layout.hpp"
#include "core/version.hpp"

namespace gover {

enum class TmpKind { install, trash, meta };

// A fresh, unused name in tmp/ for this kind and version (nothing is created).
std::filesystem::path tmp_path(const Layout& layout, TmpKind kind, const GoVersion& version);

// Removes a file or a whole tree without following symlinks; ok when it does not exist.
Status remove_tree(const std::filesystem::path& path);

// A staging directory that removes itself unless release()d (after its rename into versions/).
class StagingDir {
  public:
    static Result<StagingDir> create(const Layout& layout, const GoVersion& version);
    StagingDir(StagingDir&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
    StagingDir& operator=(StagingDir&&) = delete;
    StagingDir(const StagingDir&) = delete;
    StagingDir& operator=(const StagingDir&) = delete;
    ~StagingDir();

    const std::filesystem::path& path() const { return path_; }
    void release() { path_.clear(); }

  private:
    explicit StagingDir(std::filesystem::path path) : path_(std::move(path)) {}
    std::filesystem::path path_;
};

// The entries of tmp/ that crashed or killed runs left: names of the kinds above whose version's
// lock is free (or is `held`, a version whose lock the caller holds). The one rule both
// clean_stale_tmp and `gover doctor` use.
std::vector<std::filesystem::path> stale_tmp_entries(const Layout& layout,
                                                     const std::optional<GoVersion>& held = {});

// Deletes what crashed or killed runs left in tmp/: entries of the kinds above whose version's
// lock is free. `held` is a version whose lock the caller holds (its leftovers are stale too).
// Best effort: what cannot be removed now is tried again next time.
void clean_stale_tmp(const Layout& layout, const std::optional<GoVersion>& held = std::nullopt);

// Creates versions/, tmp/, meta/ and locks/ when missing; ErrorCode::io naming the directory.
Status ensure_store_dirs(const Layout& layout);

} // namespace gover
