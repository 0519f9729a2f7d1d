#pragma once
// Unpacks a Go toolchain .tar.gz into a directory: libarchive (kept out of this header) reads the
// tar, gover's TreeWriter writes. Every entry passes EntryFilter before anything is written for
// it, and the first refused entry aborts the whole extraction; the writer, which creates every
// name relative to a directory it holds open and never follows a symlink, is the second line of
// defence (against what the filter cannot see: whatever was in the directory before).

#include <filesystem>
#include <functional>
#include <string>

#include "core/error.hpp"
#include "gover/archive/archive_filter.hpp"
#include "gover/archive/manifest.hpp"
#include "gover/base/byte_channel.hpp"

namespace gover {

struct ExtractOptions {
    ArchiveLimits limits;
    std::string source_name; // the archive's name or URL, for messages
    std::function<bool()>
        cancelled; // polled between blocks; true stops with ErrorCode::interrupted
};

struct ExtractResult {
    Manifest manifest;
    std::uint64_t files = 0;
    std::uint64_t bytes = 0; // unpacked file data
};

// Unpacks the stream into dest (an existing, empty directory), stripping go/. On error dest may
// hold part of the tree: the caller owns it and removes it. A read error from the source is
// returned as the source reported it.
Result<ExtractResult> extract_archive(ByteSource& source, const std::filesystem::path& dest,
                                      const ExtractOptions& options);

// The same from a file on disk.
Result<ExtractResult> extract_archive_file(const std::filesystem::path& archive,
                                           const std::filesystem::path& dest,
                                           ExtractOptions options);

} // namespace gover
