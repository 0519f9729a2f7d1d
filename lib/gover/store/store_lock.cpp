#include "gover/store/store_lock.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <system_error>
#include <unistd.h>

#include "gover/base/interrupt.hpp"

namespace gover {

Result<StoreLock> StoreLock::acquire(const Layout& layout, const std::string& name, Wait wait) {
    std::error_code ec;
    std::filesystem::create_directories(layout.locks_dir(), ec);
    const auto path = layout.locks_dir() / (name + ".lock");
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        return fail(ErrorCode::io,
                    "cannot open lock file " + path.string() + ": " + std::strerror(errno),
                    "check that GOVER_HOME is writable");
    }
    StoreLock lock(fd);
    const int op = wait == Wait::block ? LOCK_EX : (LOCK_EX | LOCK_NB);
    while (::flock(fd, op) != 0) {
        if (errno == EWOULDBLOCK && wait == Wait::try_only) {
            return fail(ErrorCode::not_found, path.string() + " is held by another gover");
        }
        if (errno == EINTR) {
            if (interrupted()) {
                return fail(ErrorCode::interrupted,
                            "interrupted while waiting for " + path.string());
            }
            continue;
        }
        return fail(ErrorCode::io, "cannot lock " + path.string() + ": " + std::strerror(errno));
    }
    return lock;
}

StoreLock& StoreLock::operator=(StoreLock&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        fd_ = other.fd_;
        other.fd_ = -1;
    }
    return *this;
}

StoreLock::~StoreLock() {
    if (fd_ >= 0) {
        ::close(fd_); // releases the flock
    }
}

} // namespace gover
