#pragma once
// Builds .tar.gz archives (and zips) for tests with libarchive's writer, including hostile ones
// that a real toolchain never contains (.., absolute paths, escaping symlinks, hard links, devices,
// FIFOs, sizes a header only claims).

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

struct archive;

namespace gover::test {

class ArchiveBuilder {
  public:
    ArchiveBuilder& file(std::string path, std::string content, unsigned mode = 0644);
    ArchiveBuilder& dir(std::string path, unsigned mode = 0755);
    ArchiveBuilder& symlink(std::string path, std::string target);
    ArchiveBuilder& hardlink(std::string path, std::string target);
    ArchiveBuilder& char_device(std::string path);
    ArchiveBuilder& fifo(std::string path);
    // A file whose header declares `declared` bytes while the archive holds none of them.
    ArchiveBuilder& huge_file(std::string path, std::uint64_t declared);

    // A zip of the files, directories and symlinks (libarchive's writer: data descriptors, Unix
    // modes), each entry stored or deflated, with zip64 fields on every entry when `zip64`.
    enum class ZipMethod { stored, deflated };
    std::string zip(ZipMethod method, bool zip64 = false) const;
    std::string tar() const;    // uncompressed ustar
    std::string tar_gz() const; // gzip of tar()
    void write_tar_gz(const std::filesystem::path& out) const;

  private:
    enum class Type { file, dir, symlink, hardlink, char_device, fifo, huge };
    struct Item {
        Type type;
        std::string path;
        std::string data; // file content or link target
        unsigned mode = 0644;
        std::uint64_t declared = 0;
    };
    // Every item as an entry of the open writer `a` (tar or zip) appending to `out`.
    void write_items(archive* a, std::string& out) const;
    std::vector<Item> items_;
};

// gzip-compresses bytes (libarchive's raw writer).
std::string gzip_bytes(const std::string& bytes);

// A minimal toolchain as go.dev lays one out, without directory entries (like go1.21.0):
// go/VERSION (first line "go<version>"), go/bin/go and go/bin/gofmt (shell scripts; go prints
// "go version go<version> linux/amd64"), go/src/README.
ArchiveBuilder synthetic_toolchain(const std::string& version);

// Hostile variants of synthetic_toolchain(version): each adds one entry (or arrangement) that a
// safe extractor must refuse, aiming at `outside` (an absolute directory outside the store).
// Names: dotdot, absolute, symlink-escape, symlink-absolute, dir-symlink, hardlink, device, fifo,
// huge, no-prefix. "setuid" is not hostile but special: bin/go is 04755, a file 02644|01000.
std::vector<std::string> hostile_kinds();
ArchiveBuilder hostile_toolchain(const std::string& kind, const std::string& version,
                                 const std::string& outside);

} // namespace gover::test
