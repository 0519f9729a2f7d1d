// What a checksum database serves, parsed before anything is proven (tree_note.hpp,
// tlog_tile.hpp): lookup answers, tree heads, tile paths, hash and data tiles. Properties:
// never crashes; a record that parses ends in '\n' and its rest is the input's end; a tile path
// that parses prints as a path that parses to the same tile; hashes come only from tiles long
// enough to hold them.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "gover/sumdb/tlog_tile.hpp"
#include "gover/sumdb/tree_note.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace gover::sumdb;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto record = parse_record(text)) {
        if (record->text.empty() || record->text.back() != '\n' || record->id < 0 ||
            !text.ends_with(record->rest)) {
            std::abort();
        }
    }
    (void)parse_tree(text, "fuzz");
    if (auto tile = parse_tile_path(text)) {
        const auto again = parse_tile_path(tile_path(*tile));
        if (!again || !(*again == *tile) || tile->width < 1 || tile->width > (1 << tile->height)) {
            std::abort();
        }
    }
    // The first bytes pick a tile shape and a hash in it; the rest is the tile's data.
    if (size >= 4) {
        const Tile tile{1 + data[0] % 8, data[1] % 3, data[2] % 4,
                        1 + data[3] % (1 << (1 + data[0] % 8))};
        const std::string_view body = text.substr(4);
        const int level = tile.level * tile.height + data[2] % tile.height;
        const std::int64_t n = data[3] >> (level - tile.level * tile.height);
        auto hash = hash_from_tile(tile, body, level, n);
        if (hash && body.size() < static_cast<std::size_t>(tile.width) * 32) {
            std::abort();
        }
        Tile data_tile = tile;
        data_tile.level = -1;
        (void)parse_data_tile(data_tile, body);
    }
    return 0;
}
