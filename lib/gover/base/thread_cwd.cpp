#include "gover/base/thread_cwd.hpp"

#include <fcntl.h>
#include <unistd.h>

#if defined(__linux__)
#include <sched.h>
#endif

namespace gover {

#if defined(__linux__)

bool ThreadCwd::enter(const char* dir) {
    if (saved_ >= 0) {
        return false; // one directory at a time
    }
    // Threads share one working directory unless a thread unshares it; after this, chdir moves
    // only the calling thread (and threads it starts later).
    if (::unshare(CLONE_FS) != 0) {
        return false;
    }
    const int saved = ::open(".", O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (saved < 0) {
        return false;
    }
    if (::chdir(dir) != 0) {
        ::close(saved);
        return false;
    }
    saved_ = saved;
    return true;
}

#else // macOS: pthread_fchdir_np would do; until it can be tested there, absolute paths

bool ThreadCwd::enter(const char*) {
    return false;
}

#endif

ThreadCwd::~ThreadCwd() {
    if (saved_ >= 0) {
        (void)::fchdir(saved_); // failing, only this thread is left in a directory that moved
        ::close(saved_);
    }
}

} // namespace gover
