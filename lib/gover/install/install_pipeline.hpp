#pragma once
// The install of one resolved archive (contract §5), apart from the index and the network so it
// can be tested with any byte source: lock, clean stale leftovers, stream the download through
// SHA-256 into the unpacker (both at once, a bounded buffer between them), verify hash, size and
// VERSION, write meta/<v>.json, and rename the staging tree to versions/<v>.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/layout.hpp"
#include "core/platform.hpp"
#include "core/version.hpp"
#include "gover/archive/archive_filter.hpp"
#include "gover/net/http.hpp"
#include "gover/install/installer.hpp"
#include "gover/source/mirror.hpp"
#include "gover/source/release_index.hpp"

namespace gover {

struct InstallPlan {
    GoVersion version;
    Platform platform;
    bool platform_override = false; // --platform was given
    std::string url;
    std::string filename;
    std::string sha256;     // lower-case hex
    std::uint64_t size = 0; // 0: unknown
    bool force = false;
    ArchiveLimits limits;
    // Every archive the index lists for this release (any platform): an installed copy is
    // compared with the one it came from, which --platform may have made another platform's.
    std::vector<ReleaseFile> release_archives;
};

// The archive of `release` for `platform`: ErrorCode::not_found naming the platforms that have
// one, ErrorCode::checksum when the index gives no sha256 to verify against.
Result<InstallPlan> plan_install(const Release& release, const Platform& platform,
                                 const Mirror& mirror);

// Streams the archive into a sink; the progress callback returns false to cancel.
using Fetcher = std::function<Status(DownloadSink& sink,
                                     const std::function<bool(const DownloadProgress&)>& progress)>;

// Refuses (ErrorCode::tampering, naming both hashes) when the version is installed and its
// record says it was verified against another sha256 than the index now lists for the same
// archive (the recorded file name, else the recorded platform; the plan's when the plan has no
// release_archives). An archive the index no longer lists has nothing to compare with.
Status check_not_tampered(const Layout& layout, const InstallPlan& plan);
Status check_not_tampered(const Layout& layout, const Release& release);

// The result for a version found installed: its platform as meta/ records it (a --platform
// install), else `fallback`.
InstallResult already_installed(const Layout& layout, const GoVersion& version,
                                const Platform& fallback);

// Runs the install. Interrupted (interrupt.hpp) or failed, it leaves versions/, meta/ and tmp/
// as they were. Does not refresh shims (the caller does, see installer.cpp).
Result<InstallResult> run_install(const Layout& layout, const InstallPlan& plan,
                                  const Fetcher& fetch, const InstallEvents& events = {});

} // namespace gover
