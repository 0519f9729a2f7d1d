#pragma once
// Reads the data of one zip entry, stored or deflated, and checks it against the central
// directory as Go's archive/zip does: exactly the declared size, and the declared CRC-32.
// Deflate runs on ISA-L's igzip (several times faster than zlib on a toolchain's files,
// bench/README.md), or on zlib in builds without ISA-L. The ISA-L and zlib headers stay out of
// this one.

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "core/error.hpp"
#include "gover/archive/zip_directory.hpp"

namespace gover {

// Receives the entry's bytes in order, in chunks of at most 256 KiB; an error stops the read.
using ZipSink = std::function<Status(std::span<const std::byte>)>;

// One reader serves every entry of a zip in turn: its buffers and inflate state are reused.
class ZipEntryReader {
  public:
    // `cancelled` (optional) is polled between blocks; true stops with ErrorCode::interrupted.
    explicit ZipEntryReader(std::function<bool()> cancelled = {});
    ~ZipEntryReader();
    ZipEntryReader(const ZipEntryReader&) = delete;
    ZipEntryReader& operator=(const ZipEntryReader&) = delete;

    // Reads `entry`, whose data starts at `data_offset` (zip_entry_data_offset), into `sink`.
    // Errors: ErrorCode::archive naming the entry (corrupt deflate data, more or fewer bytes than
    // declared, a CRC-32 mismatch); `read_at`'s and the sink's errors as they were.
    Status read(const ZipReadAt& read_at, std::uint64_t data_offset, const ZipEntry& entry,
                const ZipSink& sink);

  private:
    struct Inflater;
    Status check_cancelled(const ZipEntry& entry) const;
    Status read_stored(const ZipReadAt& read_at, std::uint64_t data_offset, const ZipEntry& entry,
                       const ZipSink& sink);
    Status read_deflated(const ZipReadAt& read_at, std::uint64_t data_offset, const ZipEntry& entry,
                         const ZipSink& sink);
    // Moves the unread input to the front of the buffer and reads more of the entry after it.
    Status refill(const ZipReadAt& read_at, std::uint64_t& offset, std::uint64_t& remaining);

    std::function<bool()> cancelled_;
    std::unique_ptr<Inflater> inflater_;
    std::vector<std::byte> input_;
    std::vector<std::byte> output_;
    std::size_t input_start_ = 0;
    std::size_t input_left_ = 0;
};

// The CRC-32 (the zip and gzip one) of `bytes`, continuing from `crc` (0 to start).
std::uint32_t zip_crc32(std::uint32_t crc, std::span<const std::byte> bytes);

} // namespace gover
