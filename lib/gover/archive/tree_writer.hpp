#pragma once
// The one writer of unpacked trees (toolchain archives and module zips alike). Every name is
// created relative to a directory descriptor the writer holds open, starting from the root it was
// given: directories with mkdirat, files with openat(O_CREAT | O_EXCL | O_NOFOLLOW), symlinks with
// symlinkat, and each parent opened with O_NOFOLLOW | O_DIRECTORY. So nothing is ever written
// through a symlink (whoever put it there), no path is resolved from `/` again, and no working
// directory is needed. It checks no archive rules: callers pass only what their entry filter
// accepted (clean relative paths, known kinds, masked modes); a name with an empty, "." or ".."
// component is refused here as well. No fsync: the install transaction publishes the tree with
// one rename, and an interrupted install is cleaned up, never used.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace gover {

// Whether every '/'-separated component of `path` is a plain name (not empty, "." or ".."): the
// only paths the writer accepts.
bool has_plain_components(std::string_view path);

class TreeWriter {
  public:
    // Opens `root`, an existing directory (symlinks above it are followed: it is gover's own).
    static Result<std::unique_ptr<TreeWriter>> open(const std::filesystem::path& root);
    ~TreeWriter();
    TreeWriter(const TreeWriter&) = delete;
    TreeWriter& operator=(const TreeWriter&) = delete;

    // A directory (and its missing parents), mode 0755 whatever the umask. An existing
    // directory is fine; anything else in the way is an error.
    Status make_directory(std::string_view relative);

    // Creates a new regular file (missing parents become 0755 directories) with exactly `mode`
    // and makes it the current file. An existing entry is an error (EEXIST), unless
    // `replace_file` and it is a regular file (tar: the last copy of a file wins).
    Status begin_file(std::string_view relative, unsigned mode, bool replace_file = false);
    // Writes into the current file at `offset` (sparse holes stay holes).
    Status write(std::span<const std::byte> bytes, std::uint64_t offset);
    // Closes the current file, extended to `size` when its last bytes were a hole.
    Status end_file(std::uint64_t size);

    // A symlink whose target the caller has checked; nothing may exist at `relative`.
    Status make_symlink(std::string_view relative, std::string_view target);

    // A second copy of a file the writer created (module zips: _go.mod as go.mod).
    Status copy_file(std::string_view from, std::string_view to, unsigned mode);

    // root/relative, for messages.
    std::string display(std::string_view relative) const;

  private:
    explicit TreeWriter(int root_fd, std::string root);
    // The descriptor of directory `dir` (relative, "" for the root), created when missing.
    Result<int> directory(std::string_view dir);
    // The descriptor of the directory holding `relative` and its last name; EINVAL for a path
    // that is not plain components.
    Result<std::pair<int, std::string>> parent_of(std::string_view relative);
    Result<int> enter(int parent, std::string_view name, std::string_view so_far);
    tl::unexpected<Error> failure(std::string_view relative, int err) const;

    std::string root_;
    // The open directories from the root down to the last one used, as (path, fd): entries of
    // an archive come in tree order, so each directory is opened (or made) about once.
    std::vector<std::pair<std::string, int>> chain_;
    int file_ = -1;
    std::string file_path_;
    std::uint64_t file_end_ = 0; // one past the last byte written
};

} // namespace gover
