#pragma once
// The compact form of a release index kept next to the raw JSON in $GOVER_HOME/cache/: one line
// per release and per archive, so `gover list-remote` on a fresh cache reads ~300 KB of text
// instead of parsing 2 MB of JSON (and never starts libcurl or OpenSSL). See index_source.cpp.

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "gover/source/release_index.hpp"

namespace gover {

// What the cache knows about where a digest came from, for revalidation.
struct DigestMeta {
    std::string url;           // the mirror's base URL
    std::string etag;          // ETag of the response, or a file mirror's size+mtime stamp
    std::string last_modified; // Last-Modified of the response
};

// The digest text of an index: only files of kind "archive" are kept (gover installs nothing
// else). Fields that cannot be written safely (spaces, newlines) were refused by the parser.
std::string write_digest(const ReleaseIndex& index, const DigestMeta& meta);

struct Digest {
    DigestMeta meta;
    ReleaseIndex index;
};
// Reads what write_digest wrote; anything else (another format version, a cut-off file) is
// ErrorCode::index, and the caller fetches the index again. With `only`, archives for other
// platforms are skipped before they cost anything (list-remote needs one platform).
Result<Digest> read_digest(std::string_view text, const Platform* only = nullptr);

// The same index with only its archives (for one platform, with `only`), as the digest keeps
// it, so that a fresh download and a cached digest give identical answers.
ReleaseIndex archives_only(const ReleaseIndex& index, const Platform* only = nullptr);

} // namespace gover
