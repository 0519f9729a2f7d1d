#pragma once
// The one way gover writes a file: into a temp file on the same file system, every byte, then
// fsync, rename over the target and fsync the directory. A reader sees the old file or the new
// one whole, never a torn one; after a crash the old file (or the new one) is there, and a
// failed write leaves nothing behind.

#include <filesystem>
#include <optional>
#include <string_view>
#include <sys/types.h>

#include "core/error.hpp"

namespace gover {

// Whether the file must survive a power loss once the write returns.
enum class Durability {
    durable,    // fsync the file before the rename and the directory after it
    disposable, // no fsync: a cache that a lost write only costs a refetch
};

struct AtomicFileOptions {
    Durability durability = Durability::durable;
    // Permission bits of the new file; unset: 0666 less the umask, like any new file.
    std::optional<mode_t> mode;
    // The temp file's exact path (same file system as the target); unset: a hidden, unique name
    // beside the target.
    std::optional<std::filesystem::path> temp;
};

// A file being written. Nothing is visible at the target until commit() succeeds; destroying an
// uncommitted AtomicFile (or a failed write or commit) removes the temp file.
class AtomicFile {
  public:
    // Creates the temp file. Fails (io) naming the path that could not be created.
    static Result<AtomicFile> create(std::filesystem::path target, AtomicFileOptions options = {});

    AtomicFile(AtomicFile&& other) noexcept;
    AtomicFile& operator=(AtomicFile&&) = delete;
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile();

    // Appends all of `data` (short writes and EINTR retried). Fails (io) naming the target with
    // the first error seen (ENOSPC stays ENOSPC whatever the cleanup does).
    Status write(std::string_view data);

    // Sets the mode, syncs (Durability::durable), closes and renames over the target.
    Status commit();

    const std::filesystem::path& target() const { return target_; }

  private:
    AtomicFile(std::filesystem::path target, std::filesystem::path temp, int fd,
               AtomicFileOptions options)
        : target_(std::move(target)), temp_(std::move(temp)), fd_(fd),
          options_(std::move(options)) {}
    Status failed(int err);
    void discard();

    std::filesystem::path target_;
    std::filesystem::path temp_;
    int fd_ = -1;
    AtomicFileOptions options_;
};

// Writes `content` as the whole new content of `target` (create, write, commit).
Status write_file_atomically(const std::filesystem::path& target, std::string_view content,
                             AtomicFileOptions options = {});

// Writes all of `data` to `fd`, retrying short writes and EINTR. 0, or the errno that stopped it.
int write_all(int fd, std::string_view data);

} // namespace gover
