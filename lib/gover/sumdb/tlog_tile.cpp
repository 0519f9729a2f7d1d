#include "gover/sumdb/tlog_tile.hpp"

#include <charconv>

#include "gover/sumdb/tree_note.hpp"

namespace gover::sumdb {
namespace {

constexpr std::size_t k_hash_size = 32;

std::string three_digits(std::int64_t n) {
    std::string text = std::to_string(n);
    return std::string(3 - text.size(), '0') + text;
}

// A whole non-negative decimal number with no sign, or nullopt.
std::optional<std::int64_t> parse_number(std::string_view text) {
    std::int64_t value = 0;
    if (text.empty() || text[0] == '+' || text[0] == '-') {
        return std::nullopt;
    }
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::vector<std::string_view> split_slashes(std::string_view path) {
    std::vector<std::string_view> out;
    while (true) {
        const auto slash = path.find('/');
        out.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) {
            return out;
        }
        path.remove_prefix(slash + 1);
    }
}

// The tile number from its 3-digit groups ("x123", "x456", "078"), or nullopt.
std::optional<std::int64_t> parse_tile_number(const std::vector<std::string_view>& groups) {
    std::int64_t value = 0;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        std::string_view group = groups[i];
        const bool last = i + 1 == groups.size();
        if (!last && !group.starts_with('x')) {
            return std::nullopt;
        }
        if (!last) {
            group.remove_prefix(1);
        }
        const auto digits = parse_number(group);
        if (group.size() != 3 || !digits || value > (INT64_MAX - 999) / 1000) {
            return std::nullopt;
        }
        value = value * 1000 + *digits;
    }
    return value;
}

} // namespace

std::string tile_path(const Tile& tile) {
    std::string number = three_digits(tile.index % 1000);
    for (std::int64_t rest = tile.index / 1000; rest > 0; rest /= 1000) {
        number = "x" + three_digits(rest % 1000) + "/" + number;
    }
    std::string path = "tile/" + std::to_string(tile.height) + "/" +
                       (tile.level < 0 ? std::string("data") : std::to_string(tile.level)) + "/" +
                       number;
    if (tile.width != (1 << tile.height)) {
        path += ".p/" + std::to_string(tile.width);
    }
    return path;
}

std::optional<Tile> parse_tile_path(std::string_view path) {
    auto fields = split_slashes(path);
    if (fields.size() < 4 || fields[0] != "tile") {
        return std::nullopt;
    }
    Tile tile;
    const auto height = parse_number(fields[1]);
    const auto level =
        fields[2] == "data" ? std::optional<std::int64_t>(-1) : parse_number(fields[2]);
    if (!height || *height < 1 || *height > 30 || !level || *level > 63) {
        return std::nullopt;
    }
    tile.height = static_cast<int>(*height);
    tile.level = static_cast<int>(*level);
    tile.width = 1 << tile.height;
    std::vector<std::string_view> groups(fields.begin() + 3, fields.end());
    if (groups.size() >= 2 && groups[groups.size() - 2].ends_with(".p")) {
        const auto width = parse_number(groups.back());
        if (!width || *width < 1 || *width >= tile.width) {
            return std::nullopt;
        }
        tile.width = static_cast<int>(*width);
        groups.pop_back();
        groups.back().remove_suffix(2);
    }
    const auto index = parse_tile_number(groups);
    if (!index) {
        return std::nullopt;
    }
    tile.index = *index;
    return tile;
}

Tile tile_for_hash(int height, std::int64_t tree_size, int level, std::int64_t n) {
    const int tile_level = level / height;
    const int base = tile_level * height;           // the tree level the tile's hashes are at
    const std::int64_t first = n << (level - base); // the first base-level hash covered
    Tile tile{height, tile_level, first >> height, 1 << height};
    const std::int64_t hashes_at_base = tree_size >> base;
    const std::int64_t tile_start = tile.index << height;
    if (hashes_at_base - tile_start < tile.width) {
        tile.width = static_cast<int>(hashes_at_base - tile_start);
    }
    return tile;
}

Result<TlogHash> hash_from_tile(const Tile& tile, std::string_view data, int level,
                                std::int64_t n) {
    const std::string path = tile_path(tile);
    if (data.size() < static_cast<std::size_t>(tile.width) * k_hash_size) {
        return fail(ErrorCode::checksum, "checksum database tile " + path + " is truncated (" +
                                             std::to_string(data.size()) + " bytes)");
    }
    const int base = tile.level * tile.height;
    if (tile.level < 0 || level < base || level >= base + tile.height) {
        return fail(ErrorCode::internal,
                    "tile " + path + " does not hold level " + std::to_string(level));
    }
    const std::int64_t first = (n << (level - base)) - (tile.index << tile.height);
    const std::int64_t count = std::int64_t{1} << (level - base);
    if (first < 0 || first + count > tile.width) {
        return fail(ErrorCode::internal, "tile " + path + " does not hold hash " +
                                             std::to_string(n) + " of level " +
                                             std::to_string(level));
    }
    // The hashes in the tile are leaves of the subtree; fold them level by level.
    std::vector<TlogHash> row(static_cast<std::size_t>(count));
    for (std::int64_t i = 0; i < count; ++i) {
        const auto* at = data.data() + (first + i) * k_hash_size;
        std::copy(at, at + k_hash_size, row[static_cast<std::size_t>(i)].begin());
    }
    while (row.size() > 1) {
        for (std::size_t i = 0; i < row.size() / 2; ++i) {
            row[i] = node_hash(row[2 * i], row[2 * i + 1]);
        }
        row.resize(row.size() / 2);
    }
    return row[0];
}

Result<std::vector<std::string>> parse_data_tile(const Tile& tile, std::string_view data) {
    std::vector<std::string> records;
    const std::int64_t first = tile.index << tile.height;
    for (int i = 0; i < tile.width; ++i) {
        auto record = parse_record(data);
        if (!record || record->id != first + i) {
            return fail(ErrorCode::checksum, "checksum database data tile " + tile_path(tile) +
                                                 " is malformed at record " +
                                                 std::to_string(first + i));
        }
        records.push_back(std::move(record->text));
        data = record->rest;
    }
    if (!data.empty()) {
        return fail(ErrorCode::checksum, "checksum database data tile " + tile_path(tile) +
                                             " has bytes after its records");
    }
    return records;
}

} // namespace gover::sumdb
