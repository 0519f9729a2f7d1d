#pragma once
// One archive of the go.dev-format mirror, chosen for a platform: where to fetch it and what it
// must hash to (the index's sha256 and size), and the tampering rule that compares an installed
// copy's record with what the index lists now.

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/platform.hpp"
#include "core/version.hpp"
#include "gover/archive/archive_filter.hpp"
#include "gover/source/mirror.hpp"
#include "gover/source/release_index.hpp"
#include "gover/store/install_meta.hpp"

namespace gover {

struct MirrorArchive {
    GoVersion version;
    Platform platform;
    std::string url;
    std::string filename;
    std::string sha256;     // lower-case hex
    std::uint64_t size = 0; // 0: unknown
    ArchiveLimits limits;
    // Every archive the index lists for this release (any platform): an installed copy is
    // compared with the one it came from, which --platform may have made another platform's.
    std::vector<ReleaseFile> release_archives;
};

// The archive of `release` for `platform`: ErrorCode::not_found naming the platforms that have
// one, ErrorCode::checksum when the index gives no sha256 to verify against.
Result<MirrorArchive> plan_archive(const Release& release, const Platform& platform,
                                   const Mirror& mirror);

// Refuses (ErrorCode::tampering, naming both hashes) when `record` (meta/ of an installed
// version) was verified against another sha256 than the index now lists for the same archive:
// the recorded file name, else the recorded platform, among `archives`. An archive the index no
// longer lists (or lists without a hash) has nothing to compare with.
Status check_archive_record(const GoVersion& version, const InstallMeta& record,
                            const std::vector<ReleaseFile>& archives);

} // namespace gover
