#pragma once
// A tiny tmpfs mounted on a fresh temp directory, for tests of what happens when the disk is
// full (ENOSPC) or read-only (EROFS). Needs CAP_SYS_ADMIN: ok() is false when the mount is not
// permitted, and the test skips. Unmounted (lazily) at the end.

#include <filesystem>
#include <string>
#include <sys/mount.h>

#include "support/temp_dir.hpp"

namespace gover::test {

class SmallTmpfs {
  public:
    // `options`: mount data such as "size=64k" or "size=64k" plus read_only.
    explicit SmallTmpfs(const std::string& options, bool read_only = false) {
        mounted_ =
            ::mount("gover-test", dir_.path().c_str(), "tmpfs",
                    read_only ? static_cast<unsigned long>(MS_RDONLY) : 0UL, options.c_str()) == 0;
    }
    ~SmallTmpfs() {
        if (mounted_) {
            ::umount2(dir_.path().c_str(), MNT_DETACH);
        }
    }
    SmallTmpfs(const SmallTmpfs&) = delete;
    SmallTmpfs& operator=(const SmallTmpfs&) = delete;

    bool ok() const { return mounted_; }
    const std::filesystem::path& path() const { return dir_.path(); }

  private:
    TempDir dir_;
    bool mounted_ = false;
};

} // namespace gover::test
