#pragma once
// The checksum database serves its stored hashes in tiles (Go's tlog tiling): the tile at tile
// level L, number k holds up to 2^height hashes of tree level L * height, those of records
// [k * 2^height, (k + 1) * 2^height) at that level, 32 bytes each. A tile of fewer (width W) is
// written "<path>.p/W". Data tiles (level "data") hold the records themselves.
// Paths: tile/<height>/<L or data>/<k in 3-digit groups, all but the last prefixed x>[.p/<W>],
// e.g. tile/8/0/x123/x456/078.p/2.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "gover/sumdb/tlog_hash.hpp"

namespace gover::sumdb {

struct Tile {
    int height = 8;         // 1..30; the checksum database uses 8
    int level = 0;          // tile level (0..63), or -1 for a data tile
    std::int64_t index = 0; // k, the tile's number within its level
    int width = 256;        // 1..2^height hashes (or records)

    bool operator==(const Tile&) const = default;
};

std::string tile_path(const Tile& tile);

// The tile a path names, or nullopt when it is not one (bad numbers, groups not 3 digits or
// missing their x, a width of 0 or >= 2^height after .p/).
std::optional<Tile> parse_tile_path(std::string_view path);

// The tile that holds stored hash (level, n) in the tree of `tree_size` records, with the width
// that tree gives it (full, or the partial tile at the tree's right edge). The hash must be in
// that tree: ((n + 1) << level) <= tree_size.
Tile tile_for_hash(int height, std::int64_t tree_size, int level, std::int64_t n);

// Stored hash (level, n) computed from the data of `tile`, which must hold it. Errors
// (ErrorCode::checksum) say the tile is too short or does not hold that hash.
Result<TlogHash> hash_from_tile(const Tile& tile, std::string_view data, int level, std::int64_t n);

// The record texts of a data tile as Go's sumdb server writes it: per record "<id>\n<text>\n",
// ids counting up from index << height. Errors (ErrorCode::checksum) name the tile.
Result<std::vector<std::string>> parse_data_tile(const Tile& tile, std::string_view data);

} // namespace gover::sumdb
