#pragma once
// Reads the checksum database's stored hashes from its tiles: each tile fetched once per
// reader, full tiles kept in a disk cache (only after the proofs they served succeeded), a
// partial tile that the database no longer serves cut from its full tile. Nothing read here is
// trusted: the proofs built from it are checked against signed tree heads.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "core/error.hpp"
#include "gover/sumdb/sumdb_fetcher.hpp"
#include "gover/sumdb/tlog_hash.hpp"
#include "gover/sumdb/tlog_tile.hpp"

namespace gover::sumdb {

// The checksum database's tile height (Go's sumdb client uses 8).
inline constexpr int k_tile_height = 8;

struct TileStats {
    int requests = 0;        // tiles asked of the database
    std::uint64_t bytes = 0; // bytes those answers held
    int cache_hits = 0;      // tiles read from the disk cache
};

class TileReader {
  public:
    // cache_dir may be empty: no disk cache.
    TileReader(SumdbFetcher& fetcher, std::filesystem::path cache_dir);

    // Stored hashes as the tiles of the tree of `tree_size` records hold them. Errors: a tile
    // missing (ErrorCode::network, naming its URL), truncated (ErrorCode::checksum), network.
    HashReader hashes(std::int64_t tree_size);

    // Whether any tile so far came from the disk cache.
    bool used_cache() const { return stats_.cache_hits > 0; }
    // Forgets every tile read and stops reading the disk cache (a proof failed: the cache may
    // hold a damaged tile, so read everything again from the database).
    void distrust_cache();
    // Writes the full tiles fetched from the database into the cache. Best effort: a cache
    // that cannot be written costs a refetch later, nothing else.
    void save_to_cache();

    const TileStats& stats() const { return stats_; }

  private:
    Result<std::string> tile_data(const Tile& tile);
    Result<std::string> fetch_tile(const Tile& tile);
    std::string read_cached(const Tile& tile) const;

    SumdbFetcher& fetcher_;
    std::filesystem::path cache_dir_;
    bool trust_cache_ = true;
    std::map<std::string, std::string> tiles_;        // tile path -> data, this reader's
    std::map<std::string, std::string> fetched_full_; // full tiles from the database
    TileStats stats_;
};

} // namespace gover::sumdb
