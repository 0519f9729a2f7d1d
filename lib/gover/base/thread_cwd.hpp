#pragma once
// Lets one thread work inside a directory without moving the rest of the process. The unpacker
// uses it to hand libarchive paths relative to the staging root: with SECURE_SYMLINKS libarchive
// checks every component of every path it writes (an lstat, an open and a close each), so the
// components above the root cost ~3 system calls per component per entry; relative paths halve
// the system calls of an install (bench/README.md).

namespace gover {

class ThreadCwd {
  public:
    ThreadCwd() = default;
    ~ThreadCwd(); // returns the thread to the directory it was in
    ThreadCwd(const ThreadCwd&) = delete;
    ThreadCwd& operator=(const ThreadCwd&) = delete;

    // Makes `dir` the calling thread's working directory, and only this thread's (Linux:
    // unshare(CLONE_FS) first). False, changing nothing, where that is not possible (other
    // systems, or the kernel refuses): the caller keeps using absolute paths.
    bool enter(const char* dir);

  private:
    int saved_ = -1; // the directory to return to
};

} // namespace gover
