#include "gover/sumdb/tile_reader.hpp"

#include <system_error>

#include "core/regular_file.hpp"
#include "gover/base/atomic_file.hpp"

namespace gover::sumdb {
namespace {

constexpr std::size_t k_hash_bytes = 32;

std::size_t tile_bytes(const Tile& tile) {
    return static_cast<std::size_t>(tile.width) * k_hash_bytes;
}

Tile full_tile(Tile tile) {
    tile.width = 1 << tile.height;
    return tile;
}

} // namespace

TileReader::TileReader(SumdbFetcher& fetcher, std::filesystem::path cache_dir)
    : fetcher_(fetcher), cache_dir_(std::move(cache_dir)) {}

HashReader TileReader::hashes(std::int64_t tree_size) {
    return [this, tree_size](int level, std::int64_t n) -> Result<TlogHash> {
        if (level < 0 || level > 62 || n < 0 || ((n + 1) << level) > tree_size) {
            return fail(ErrorCode::internal, "hash " + std::to_string(n) + " of level " +
                                                 std::to_string(level) + " is not in a tree of " +
                                                 std::to_string(tree_size) + " records");
        }
        const Tile tile = tile_for_hash(k_tile_height, tree_size, level, n);
        auto data = tile_data(tile);
        if (!data) {
            return tl::unexpected(data.error());
        }
        return hash_from_tile(tile, *data, level, n);
    };
}

Result<std::string> TileReader::tile_data(const Tile& tile) {
    const std::string path = tile_path(tile);
    if (auto it = tiles_.find(path); it != tiles_.end()) {
        return it->second;
    }
    std::string data = trust_cache_ ? read_cached(tile) : std::string();
    if (!data.empty()) {
        ++stats_.cache_hits;
    } else {
        auto fetched = fetch_tile(tile);
        if (!fetched) {
            return fetched;
        }
        data = std::move(*fetched);
    }
    tiles_.emplace(path, data);
    return data;
}

// The tile from the database; a partial tile it no longer has is cut from the full one (a
// tree only grows, so the full tile starts with the partial one's hashes).
Result<std::string> TileReader::fetch_tile(const Tile& tile) {
    const Tile full = full_tile(tile);
    auto data = fetcher_.get(tile_path(tile));
    Tile served = tile;
    if (!data && data.error().code == ErrorCode::not_found && tile.width != full.width) {
        served = full;
        data = fetcher_.get(tile_path(full));
    }
    ++stats_.requests;
    if (!data) {
        Error error = data.error();
        if (error.code == ErrorCode::not_found) {
            error.code = ErrorCode::network;
            error.message = "the checksum database is missing tile " +
                            fetcher_.url_of(tile_path(tile)) + " (" + error.message + ")";
            error.hint = "the database or the proxy serving it is broken; try another GOPROXY";
        }
        return tl::unexpected(std::move(error));
    }
    stats_.bytes += data->size();
    if (data->size() != tile_bytes(served)) {
        return fail(ErrorCode::checksum,
                    "checksum database tile " + fetcher_.url_of(tile_path(served)) + " is " +
                        std::to_string(data->size()) + " bytes, not " +
                        std::to_string(tile_bytes(served)),
                    "the database or the proxy serving it is broken; try again later");
    }
    if (served.width == full.width) {
        fetched_full_.emplace(tile_path(full), *data);
    }
    data->resize(tile_bytes(tile));
    return data;
}

std::string TileReader::read_cached(const Tile& tile) const {
    if (cache_dir_.empty()) {
        return {};
    }
    const Tile full = full_tile(tile);
    // The cache is disposable: anything but a whole full tile is as good as missing.
    auto file = read_bounded_file((cache_dir_ / tile_path(full)).string(), tile_bytes(full));
    if (!file || file->state != FileState::read || file->text.size() != tile_bytes(full)) {
        return {};
    }
    file->text.resize(tile_bytes(tile));
    return std::move(file->text);
}

void TileReader::distrust_cache() {
    trust_cache_ = false;
    tiles_.clear();
    stats_.cache_hits = 0;
}

void TileReader::save_to_cache() {
    if (cache_dir_.empty()) {
        return;
    }
    for (const auto& [path, data] : fetched_full_) {
        const auto target = cache_dir_ / path;
        std::error_code ec;
        std::filesystem::create_directories(target.parent_path(), ec);
        AtomicFileOptions options;
        options.durability = Durability::disposable;
        (void)write_file_atomically(target, data, options);
    }
    fetched_full_.clear();
}

} // namespace gover::sumdb
