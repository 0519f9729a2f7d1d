#include "gover/base/atomic_file.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace gover {
namespace fs = std::filesystem;
namespace {

fs::path directory_of(const fs::path& path) {
    return path.has_parent_path() ? path.parent_path() : fs::path(".");
}

Error write_error(const fs::path& path, int err) {
    const std::string dir = directory_of(path).string();
    std::string hint = err == ENOSPC || err == EDQUOT
                           ? "free some space on the file system holding " + dir
                           : "check the permissions of " + dir;
    return Error{ErrorCode::io, "cannot write " + path.string() + ": " + std::strerror(err),
                 std::move(hint)};
}

// Unique per process and per call: threads of one process may write the same target together.
fs::path temp_beside(const fs::path& target) {
    static std::atomic<unsigned> counter{0};
    return directory_of(target) /
           ("." + target.filename().string() + ".gover-" + std::to_string(::getpid()) + "-" +
            std::to_string(counter.fetch_add(1)) + ".tmp");
}

// Makes the rename itself durable. Some file systems refuse fsync on a directory (EINVAL):
// nothing more can be done there, so only a real I/O error counts.
int sync_directory(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        return 0;
    }
    int err = 0;
    if (::fsync(fd) != 0 && errno != EINVAL && errno != EROFS) {
        err = errno;
    }
    ::close(fd);
    return err;
}

} // namespace

int write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return errno;
        }
        if (n == 0) {
            return EIO; // a regular file never takes nothing; do not spin
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return 0;
}

Result<AtomicFile> AtomicFile::create(fs::path target, AtomicFileOptions options) {
    fs::path temp = options.temp ? *options.temp : temp_beside(target);
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
        // Name the file the caller knows, unless the temp file lives elsewhere (then that
        // directory is the one to look at).
        return tl::unexpected(write_error(options.temp ? temp : target, errno));
    }
    return AtomicFile(std::move(target), std::move(temp), fd, std::move(options));
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : target_(std::move(other.target_)), temp_(std::move(other.temp_)), fd_(other.fd_),
      options_(std::move(other.options_)) {
    other.fd_ = -1;
    other.temp_.clear();
}

AtomicFile::~AtomicFile() {
    discard();
}

void AtomicFile::discard() {
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
    if (!temp_.empty()) {
        ::unlink(temp_.c_str());
        temp_.clear();
    }
}

Status AtomicFile::failed(int err) {
    discard(); // errno no longer matters: `err` was taken first
    return tl::unexpected(write_error(target_, err));
}

Status AtomicFile::write(std::string_view data) {
    if (fd_ < 0) {
        return failed(EBADF);
    }
    if (const int err = write_all(fd_, data); err != 0) {
        return failed(err);
    }
    return {};
}

Status AtomicFile::commit() {
    if (fd_ < 0) {
        return failed(EBADF);
    }
    if (options_.mode && ::fchmod(fd_, *options_.mode) != 0) {
        return failed(errno);
    }
    const bool durable = options_.durability == Durability::durable;
    if (durable && ::fsync(fd_) != 0) {
        return failed(errno);
    }
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) {
        return failed(errno); // NFS and friends report a lost write here
    }
    if (::rename(temp_.c_str(), target_.c_str()) != 0) {
        return failed(errno);
    }
    temp_.clear();
    if (durable) {
        if (const int err = sync_directory(directory_of(target_)); err != 0) {
            return tl::unexpected(write_error(target_, err));
        }
    }
    return {};
}

Status write_file_atomically(const fs::path& target, std::string_view content,
                             AtomicFileOptions options) {
    auto file = AtomicFile::create(target, std::move(options));
    if (!file) {
        return tl::unexpected(file.error());
    }
    if (auto ok = file->write(content); !ok) {
        return ok;
    }
    return file->commit();
}

} // namespace gover
