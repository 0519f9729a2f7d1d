#pragma once
// Where toolchains come from. A ToolchainSource lists the releases it has, vouches (or not) for
// what meta/ recorded of an installed version, and fetches one release for one platform: it
// downloads, verifies and unpacks the toolchain into a staging directory the installer gives it,
// and says what it verified (for meta/). The installer (install/) knows nothing of URLs, index
// formats or archive formats; list-remote, install, use, doctor and completion all go through
// this interface. The go.dev-format mirror is the first source (mirror_source.hpp).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/platform.hpp"
#include "core/version.hpp"
#include "gover/source/available_release.hpp"
#include "gover/store/install_meta.hpp"

namespace gover {

struct ListOptions {
    // List only this platform's toolchains (cheaper on a cached list). Releases without one
    // stay in the list with no platforms: "no such release" differs from "not for this one".
    std::optional<Platform> platform;
    // Never touch the network: what is cached (or local) only; an empty list when nothing is.
    bool cached_only = false;
    // "using the cached release index (offline)" and the like.
    std::function<void(const std::string&)> notice;
};

// Bytes received so far and the total (0: unknown); returns false to cancel the fetch.
using FetchProgress = std::function<bool(std::uint64_t received, std::uint64_t total)>;

// What a fetch verified and unpacked: the record for meta/ (source, URL, hashes, manifest; the
// installer adds version, platform and time) and how many bytes came over the wire.
struct Fetched {
    InstallMeta record;
    std::uint64_t bytes = 0;
};

// One release's toolchain for one platform, ready to fetch.
class ToolchainFetch {
  public:
    virtual ~ToolchainFetch() = default;
    // What is fetched, for messages: a file name or a module version.
    virtual std::string name() const = 0;
    // Downloads, verifies and unpacks the toolchain into `staging` (an empty directory under
    // $GOVER_HOME/tmp), top-level prefix stripped. Errors: network, checksum, archive, io,
    // interrupted (the progress callback returned false). On error `staging` may hold anything:
    // the installer removes it.
    virtual Result<Fetched> fetch_into(const std::filesystem::path& staging,
                                       const FetchProgress& progress) = 0;
};

class ToolchainSource {
  public:
    virtual ~ToolchainSource() = default;
    // Where the source is, for messages: "https://go.dev/dl/".
    virtual std::string location() const = 0;
    // The releases it has, newest first. Errors: usage (a location that may not be used),
    // network (unreachable and nothing cached), index (a list that is not one), io.
    virtual Result<std::vector<AvailableRelease>> releases(const ListOptions& options) = 0;
    // Whether meta/'s record of an installed `version` agrees with what the source vouches for
    // now: ErrorCode::tampering naming both hashes when it does not; nothing to compare is ok.
    virtual Status check_record(const GoVersion& version, const InstallMeta& record) = 0;
    // The toolchain of a listed release for `platform`: ErrorCode::not_found naming the
    // platforms that have one, ErrorCode::checksum when the source gives nothing to verify it by.
    virtual Result<std::unique_ptr<ToolchainFetch>> toolchain(const GoVersion& version,
                                                              const Platform& platform) = 0;
};

} // namespace gover
