#pragma once
// The mirror's fetch: streams an archive through SHA-256 into the unpacker at once (a bounded
// buffer between the network thread and the unpacking thread), and succeeds only when the hash
// and size match what the index promised.

#include <filesystem>
#include <functional>

#include "core/error.hpp"
#include "gover/net/http.hpp"
#include "gover/source/mirror_archive.hpp"
#include "gover/source/toolchain_source.hpp"

namespace gover {

// Streams the archive's bytes into a sink; the progress callback returns false to cancel. The
// real one is net/http.hpp's download(); tests feed bytes directly.
using Fetcher = std::function<Status(DownloadSink& sink,
                                     const std::function<bool(const DownloadProgress&)>& progress)>;

// Downloads `archive` through `fetch` into `staging` (go/ stripped). Errors: the fetch's
// (network, interrupted), ErrorCode::checksum for a size or sha256 mismatch (which wins over an
// archive error when the size is known: a corrupt download is reported as such),
// ErrorCode::archive for a hostile or malformed archive.
Result<Fetched> fetch_archive(const MirrorArchive& archive, const Fetcher& fetch,
                              const std::filesystem::path& staging, const FetchProgress& progress);

} // namespace gover
