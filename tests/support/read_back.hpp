#pragma once
// What a test reads back from a tree it had written: a file's bytes, an entry's mode bits.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>

namespace gover::test {

// The whole file; empty when it cannot be read (the test's own expectations say why).
inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// The permission bits (with setuid, setgid, sticky) of the entry itself, not of a symlink's
// target; 0xffffffff when it does not exist.
inline unsigned mode_of(const std::filesystem::path& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
        return 0xffffffffU;
    }
    return st.st_mode & 07777;
}

} // namespace gover::test
