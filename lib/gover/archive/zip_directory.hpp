#pragma once
// The central directory of a zip file, read as Go's archive/zip reads it: the end record found by
// scanning back from the end (a comment may follow it), the zip64 records when a field of the end
// record is all ones, each entry's name as raw bytes (Go's zips: UTF-8), its method, CRC-32,
// sizes, where its local header is, and what its mode makes it. Only what a module zip can hold
// is accepted: one disk, no encryption, stored or deflated data.

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace gover {

// Fills `out` with the bytes at `offset` of the zip; fewer bytes than asked for is an error.
using ZipReadAt = std::function<Status(std::uint64_t offset, std::span<std::byte> out)>;

struct ZipEntry {
    // What the entry's mode makes it, as Go's FileHeader.Mode() reads it: Unix modes from Unix
    // and macOS creators, the MS-DOS directory bit from FAT/NTFS/VFAT ones; a name ending in '/'
    // is a directory.
    enum class Type { file, directory, symlink, special };
    std::string name;
    Type type = Type::file;
    std::uint16_t method = 0; // k_zip_stored or k_zip_deflated
    std::uint32_t crc32 = 0;
    std::uint64_t compressed_size = 0;
    std::uint64_t size = 0;
    std::uint64_t local_header_offset = 0;
};

inline constexpr std::uint16_t k_zip_stored = 0;
inline constexpr std::uint16_t k_zip_deflated = 8;

// "entry '<name>'" for messages, the name made printable (it comes from the zip).
std::string zip_entry_label(const std::string& name);

struct ZipDirectory {
    std::vector<ZipEntry> entries; // in the central directory's order
    std::uint64_t offset = 0;      // where the central directory starts: every entry ends before
};

// A toolchain's directory is about 1.3 MB (12,000 files); reading more than this into memory
// is refused rather than trusted.
inline constexpr std::uint64_t k_max_zip_directory_size = std::uint64_t(8) << 20;

// The directory of the `file_size`-byte zip that `read_at` reads. Errors: ErrorCode::archive with
// what is malformed (the caller names the file), or `read_at`'s own error.
Result<ZipDirectory> read_zip_directory(const ZipReadAt& read_at, std::uint64_t file_size);

// Where `entry`'s data starts, from its local header; checks the header's signature and that the
// data lies between the header and the central directory. Errors as read_zip_directory's.
Result<std::uint64_t> zip_entry_data_offset(const ZipReadAt& read_at, const ZipDirectory& directory,
                                            const ZipEntry& entry);

} // namespace gover
