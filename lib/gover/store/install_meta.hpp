#pragma once
// $GOVER_HOME/meta/<version>.json: where an installed toolchain came from (URL, sha256, size,
// time, platform; for an import the tree and whether it was verified) and the manifest of what
// was unpacked. The tampering check compares the index with the recorded sha256; doctor compares
// the store with the manifest.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/layout.hpp"
#include "core/version.hpp"
#include "gover/archive/manifest.hpp"

namespace gover {

struct InstallMeta {
    std::string version;           // "1.22.5"
    std::string source = "mirror"; // the ToolchainSource that verified it
    std::string url;
    std::string sha256;
    std::uint64_t size = 0;
    std::string installed_at;       // UTC, RFC 3339
    std::string platform;           // "linux-amd64"
    bool platform_override = false; // installed with --platform
    // What the checksum database proved (source "goproxy"); empty otherwise.
    std::string module_version; // "v0.0.1-go1.22.5.linux-amd64"
    std::string h1;             // the zip's "h1:<base64>"
    std::string sumdb_name;     // the database, e.g. sum.golang.org
    std::int64_t sumdb_tree_size = 0;
    std::string sumdb_root_hash; // base64, of the tree the record was proven in
    // `gover import` (source "import"): the tree it was copied from, and whether the checksum
    // database proved it (a module-cache toolchain) or it was taken as it was. Records without
    // them (every install) read as verified.
    std::string imported_from;
    bool verified = true;
    Manifest manifest;
};

// The JSON text, and back (ErrorCode::io naming `source` when it is not a meta file).
std::string meta_to_json(const InstallMeta& meta);
Result<InstallMeta> meta_from_json(const std::string& text, const std::string& source);

// Writes meta/<v>.json atomically (a temp file in tmp/ renamed over it).
Status write_install_meta(const Layout& layout, const GoVersion& version, const InstallMeta& meta);
// nullopt when there is no record; an error when it exists but cannot be read or parsed.
Result<std::optional<InstallMeta>> read_install_meta(const Layout& layout,
                                                     const GoVersion& version);
// Removes the record (ok when there is none).
Status remove_install_meta(const Layout& layout, const GoVersion& version);

// One difference between versions/<v>/ and its manifest.
struct StoreChange {
    enum class Kind { missing, size, content, type, target };
    std::string path; // relative to versions/<v>/
    Kind kind = Kind::missing;
    std::string detail; // "expected 123 bytes, found 120", ...
};

// Checks every manifest entry against versions/<v>/: files exist with the recorded size (and
// sha256 where recorded), symlinks point where they did. Errors: no record, unreadable record.
Result<std::vector<StoreChange>> verify_install(const Layout& layout, const GoVersion& version);

// The current time as RFC 3339 UTC ("2024-06-01T12:00:00Z").
std::string utc_now_rfc3339();

} // namespace gover
