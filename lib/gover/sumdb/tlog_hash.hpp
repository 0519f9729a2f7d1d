#pragma once
// The checksum database's Merkle tree (RFC 6962 §2.1): record and node hashes, the positions of
// stored hashes, and the hash of a whole tree. A stored hash is (level, n): the root of the
// complete subtree of 2^level records starting at record n * 2^level. Stored in the order a log
// appends them, hash (level, n) has the index stored_hash_index(level, n).

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace gover::sumdb {

using TlogHash = std::array<std::uint8_t, 32>;

// SHA-256 of 0x00 and the record's bytes: a leaf.
TlogHash record_hash(std::string_view data);
// SHA-256 of 0x01, left and right: an interior node.
TlogHash node_hash(const TlogHash& left, const TlogHash& right);

std::string hash_to_base64(const TlogHash& hash);

// Where hash (level, n) sits among the stored hashes; level in [0, 62], n >= 0, and n << level
// must fit in 63 bits.
std::int64_t stored_hash_index(int level, std::int64_t n);
// The (level, n) stored at index (index >= 0).
std::pair<int, std::int64_t> split_stored_hash_index(std::int64_t index);
// How many hashes a log of `records` records has stored.
std::int64_t stored_hash_count(std::int64_t records);

// Reads stored hash (level, n). Errors pass through the functions below unchanged.
using HashReader = std::function<Result<TlogHash>(int level, std::int64_t n)>;

// The hashes a log stores when it appends record n with leaf hash `leaf`, in order: the leaf,
// then the roots of the subtrees it completes (reading their left halves from `reader`).
Result<std::vector<TlogHash>> stored_hashes_for_record(std::int64_t n, const TlogHash& leaf,
                                                       const HashReader& reader);

// The Merkle tree hash of records [lo, hi), lo a multiple of the largest power of two not above
// hi - lo (always so for the subtrees of RFC 6962). Built from the fewest stored hashes.
Result<TlogHash> range_hash(std::int64_t lo, std::int64_t hi, const HashReader& reader);

// The root hash of the tree of the first `size` records (all zeros for an empty tree).
Result<TlogHash> tree_hash(std::int64_t size, const HashReader& reader);

} // namespace gover::sumdb
