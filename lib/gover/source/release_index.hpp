#pragma once
// go.dev's release index (?mode=json&include=all), parsed tolerantly of the real data's quirks:
// unsorted arrays, the bogus "go1" release, empty sha256, size 0, irregular file names.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/platform.hpp"
#include "core/spec.hpp"
#include "core/version.hpp"
#include "gover/source/available_release.hpp"

namespace gover {

struct ReleaseFile {
    std::string filename; // download by this name; never build one
    std::string os;
    std::string arch;
    std::string kind;       // "archive", "installer", "source"
    std::string sha256;     // lower-case hex; empty for some old releases
    std::uint64_t size = 0; // 0: unknown
};

struct Release {
    GoVersion version;
    bool stable = false;
    std::vector<ReleaseFile> files;

    // The archive (kind == "archive") for a platform, matched by os and arch.
    const ReleaseFile* archive_for(const Platform& platform) const;
    // Platforms that have an archive, as "os-arch", sorted.
    std::vector<std::string> archive_platforms() const;
};

// Whether a file name from an index is safe to use as the last part of a URL and of a local
// file name: letters, digits and . - _ + only, not starting with a dot. The parser drops files
// whose name is not.
bool is_safe_release_filename(std::string_view name);

class ReleaseIndex {
  public:
    // Parses the JSON text. Releases whose version does not parse are skipped; a document that
    // is not a JSON array of releases (HTML, truncated) is ErrorCode::index naming `source`.
    static Result<ReleaseIndex> parse(std::string_view json, const std::string& source);

    // Newest first, by Go's version order.
    const std::vector<Release>& releases() const { return releases_; }
    const Release* find(const GoVersion& version) const;
    std::vector<GoVersion> versions() const;

    // Every release as a source lists it: the platforms it has an archive for.
    std::vector<AvailableRelease> available() const;

    // The newest release the request selects (stable only unless the request is exact);
    // ErrorCode::not_found with the closest hint otherwise.
    Result<const Release*> resolve(const VersionRequest& request) const;

    explicit ReleaseIndex(std::vector<Release> releases);
    ReleaseIndex() = default;

  private:
    std::vector<Release> releases_;
};

} // namespace gover
