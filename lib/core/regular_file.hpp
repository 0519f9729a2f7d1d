#pragma once
// The one way gover reads a file that a user or another program may have put in its place
// (pins, the go env file, the index cache, install records): a regular file only, opened
// without blocking (O_NONBLOCK | O_CLOEXEC | O_NOCTTY), and never more than a size cap — so a
// FIFO, /dev/zero or a huge file costs a stat, never a hang or unbounded memory.

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"

namespace gover {

// What was found at the path.
enum class FileState {
    read,        // a regular file: `text` holds it (or the asked-for part of it)
    absent,      // nothing there: missing, a dangling link, a path too long, or a parent that
                 // may not be searched (EACCES on stat) — the file is hidden from us
    not_regular, // a directory, FIFO, socket or device: never opened for reading
    too_large,   // a regular file larger than the cap (with Oversize::refuse)
};

struct BoundedFile {
    FileState state = FileState::absent;
    std::string text;
    std::uint64_t size = 0; // st_size when state is read or too_large
};

// What to do with a file larger than the cap.
enum class Oversize {
    refuse,   // state too_large, nothing read (a file that cannot be what we expect)
    truncate, // read the first max_bytes (a header, a prefix to inspect)
};

// Reads the regular file at `path` (following links): at most `max_bytes`, from `offset`.
// Fails (io, "cannot read <path>: <strerror>") only when something is there that we may not
// read: EACCES or ELOOP on open, a read error.
Result<BoundedFile> read_bounded_file(const std::string& path, std::size_t max_bytes,
                                      Oversize oversize = Oversize::refuse,
                                      std::uint64_t offset = 0);

} // namespace gover
