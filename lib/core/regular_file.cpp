#include "core/regular_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gover {
namespace {

Error cannot_read(const std::string& path, int err) {
    return Error{ErrorCode::io, "cannot read " + path + ": " + std::strerror(err),
                 "fix its permissions or remove it"};
}

// Closes the descriptor on every path out.
struct Fd {
    int fd;
    ~Fd() {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

// Reads up to `limit` bytes at `offset`, stopping at end of file. -1 with errno on error. The
// buffer starts at what fstat said is there (and one byte more, to see end of file at once), not
// at the limit: zero-filling 64 KiB for a 14-byte pin file costs the shim page faults at every run.
ssize_t read_at(int fd, std::string& out, std::uint64_t offset, std::size_t limit,
                std::uint64_t file_size) {
    std::size_t used = 0;
    const std::uint64_t expected = file_size > offset ? file_size - offset : 0;
    out.resize(static_cast<std::size_t>(std::min<std::uint64_t>(limit, expected + 1)));
    while (used < limit) {
        if (used == out.size()) {
            out.resize(std::min(limit, std::max<std::size_t>(out.size() * 2, 4096)));
        }
        const ssize_t n =
            ::pread(fd, out.data() + used, out.size() - used, static_cast<off_t>(offset + used));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return -1;
        }
        if (n == 0) {
            break;
        }
        used += static_cast<std::size_t>(n);
    }
    out.resize(used);
    return static_cast<ssize_t>(used);
}

} // namespace

Result<BoundedFile> read_bounded_file(const std::string& path, std::size_t max_bytes,
                                      Oversize oversize, std::uint64_t offset) {
    BoundedFile out;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        const int err = errno;
        if (err == ENOENT || err == ENOTDIR || err == ENAMETOOLONG || err == EACCES) {
            return out; // absent
        }
        return tl::unexpected(cannot_read(path, err));
    }
    if (!S_ISREG(st.st_mode)) {
        out.state = FileState::not_regular; // never open a FIFO or device: it could block
        return out;
    }
    Fd file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
    if (file.fd < 0) {
        const int err = errno;
        if (err == ENOENT || err == ENOTDIR) {
            return out; // removed since the stat
        }
        return tl::unexpected(cannot_read(path, err));
    }
    // Swapped for something else between stat and open: judge what was opened.
    if (::fstat(file.fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        out.state = FileState::not_regular;
        return out;
    }
    out.size = static_cast<std::uint64_t>(st.st_size);
    if (oversize == Oversize::refuse && out.size > max_bytes) {
        out.state = FileState::too_large;
        return out;
    }
    // One byte past the cap tells a file that grew since the fstat from one that fits.
    const std::size_t limit = oversize == Oversize::refuse ? max_bytes + 1 : max_bytes;
    if (read_at(file.fd, out.text, offset, limit, out.size) < 0) {
        return tl::unexpected(cannot_read(path, errno));
    }
    if (out.text.size() > max_bytes) {
        out.text.clear();
        out.state = FileState::too_large;
        return out;
    }
    out.state = FileState::read;
    return out;
}

} // namespace gover
