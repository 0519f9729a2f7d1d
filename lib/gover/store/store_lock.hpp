#pragma once
// Per-version locks: flock on $GOVER_HOME/locks/<version>.lock, held while a version is installed
// or removed, so concurrent gover processes make one install and the others see it done. The
// kernel drops a flock when its holder dies, so a SIGKILLed install never leaves a lock behind.

#include <string>

#include "core/error.hpp"
#include "core/layout.hpp"

namespace gover {

class StoreLock {
  public:
    enum class Wait { block, try_only };

    // Blocks (Wait::block) until the lock is ours, failing with ErrorCode::interrupted when a
    // signal arrives meanwhile; Wait::try_only returns ErrorCode::not_found when it is held.
    static Result<StoreLock> acquire(const Layout& layout, const std::string& name, Wait wait);

    StoreLock(StoreLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    StoreLock& operator=(StoreLock&& other) noexcept;
    StoreLock(const StoreLock&) = delete;
    StoreLock& operator=(const StoreLock&) = delete;
    ~StoreLock();

  private:
    explicit StoreLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

} // namespace gover
