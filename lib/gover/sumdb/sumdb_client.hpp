#pragma once
// The checksum database client: looks up a module version and proves the answer. The record's
// lines are accepted only when (1) the tree head they came with is signed by the database's
// key, (2) the record is proven included in that tree, and (3) the tree is proven consistent
// with the newest tree verified before, kept in <state_dir>/latest (the signed note itself).
// A tree that is not consistent is reported as a possibly compromised database and `latest`
// is left as it was; otherwise `latest` moves forward (written atomically) only after all
// proofs passed. Full tiles are cached under the tile cache directory.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "gover/sumdb/sumdb_fetcher.hpp"
#include "gover/sumdb/tile_reader.hpp"
#include "gover/sumdb/tree_note.hpp"
#include "gover/sumdb/verifier_key.hpp"

namespace gover::sumdb {

// What a lookup proved, for meta/.
struct SumdbLookup {
    std::vector<std::string> lines; // "<module> <version>[/go.mod] h1:<hash>" for this version
    std::string h1;                 // the zip's hash, "h1:<base64>"
    std::string database;           // the database name, e.g. sum.golang.org
    std::int64_t record_id = 0;
    std::int64_t tree_size = 0; // the signed tree the record was proven in
    std::string root_hash;      // its root, base64
    TileStats tiles;            // what the proofs cost
};

struct SumdbDirs {
    std::filesystem::path state;      // holds `latest`: $GOVER_HOME/sumdb/<name>
    std::filesystem::path tile_cache; // $GOVER_HOME/cache/sumdb/<name> (empty: no cache)
};

// The directories for database `name` under gover_home. The name must be a host[/path]:
// ErrorCode::usage for an empty segment, "." or "..", or characters a file name cannot hold.
Result<SumdbDirs> sumdb_dirs(const std::filesystem::path& gover_home, std::string_view name);

// Module paths and versions in URLs: upper-case letters become '!' and the lower-case letter
// (Go's module.EscapePath). Characters outside letters, digits and "-._~/+" are refused
// (ErrorCode::usage), as are versions holding '/'.
Result<std::string> escape_module_path(std::string_view path);
Result<std::string> escape_module_version(std::string_view version);

class SumdbClient {
  public:
    SumdbClient(VerifierKey key, SumdbFetcher& fetcher, SumdbDirs dirs);

    // The proven lines for module@version. Errors: ErrorCode::not_found (the database has no
    // record of it), ErrorCode::checksum (a bad signature, a failed proof, a forked tree, a
    // malformed answer, a record without the zip's h1:), network, io (the state directory).
    Result<SumdbLookup> lookup(std::string_view module_path, std::string_view version);

  private:
    VerifierKey key_;
    SumdbFetcher& fetcher_;
    SumdbDirs dirs_;
};

} // namespace gover::sumdb
