#include "gover/sumdb/tlog_hash.hpp"

#include <bit>

#include <openssl/evp.h>

#include "gover/sumdb/base64.hpp"

namespace gover::sumdb {
namespace {

TlogHash sha256_of(std::uint8_t prefix, std::string_view first, std::string_view second = {}) {
    TlogHash out{};
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    unsigned int length = 0;
    if (ctx == nullptr || EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) != 1) {
        std::abort(); // OpenSSL itself is broken: nothing to recover
    }
    EVP_DigestUpdate(ctx, &prefix, 1);
    EVP_DigestUpdate(ctx, first.data(), first.size());
    EVP_DigestUpdate(ctx, second.data(), second.size());
    EVP_DigestFinal_ex(ctx, out.data(), &length);
    EVP_MD_CTX_free(ctx);
    return out;
}

std::string_view bytes_of(const TlogHash& hash) {
    return {reinterpret_cast<const char*>(hash.data()), hash.size()};
}

// The largest power of two that is <= n (n > 0).
std::int64_t floor_power_of_two(std::int64_t n) {
    return static_cast<std::int64_t>(std::bit_floor(static_cast<std::uint64_t>(n)));
}

} // namespace

TlogHash record_hash(std::string_view data) {
    return sha256_of(0x00, data);
}

TlogHash node_hash(const TlogHash& left, const TlogHash& right) {
    return sha256_of(0x01, bytes_of(left), bytes_of(right));
}

std::string hash_to_base64(const TlogHash& hash) {
    return base64_encode(hash);
}

// The hash (level, n) is stored right after the leaf of the last record it covers,
// m = (n + 1) * 2^level - 1, and the `level` hashes that leaf completes. Before that leaf come
// the stored hashes of m records: m leaves, m/2 level-1 nodes, m/4 ..., 2m - popcount(m) in all.
std::int64_t stored_hash_index(int level, std::int64_t n) {
    const auto last = static_cast<std::uint64_t>(((n + 1) << level) - 1);
    return static_cast<std::int64_t>(2 * last - std::popcount(last)) + level;
}

std::pair<int, std::int64_t> split_stored_hash_index(std::int64_t index) {
    // The last record m whose leaf is stored at or before index (leaf indexes grow with m).
    std::int64_t low = 0;
    std::int64_t high = index + 1; // the leaf of record m is at index >= m
    while (high - low > 1) {
        const std::int64_t mid = low + (high - low) / 2;
        if (stored_hash_index(0, mid) <= index) {
            low = mid;
        } else {
            high = mid;
        }
    }
    const int level = static_cast<int>(index - stored_hash_index(0, low));
    return {level, ((low + 1) >> level) - 1};
}

std::int64_t stored_hash_count(std::int64_t records) {
    const auto n = static_cast<std::uint64_t>(records);
    return static_cast<std::int64_t>(2 * n - std::popcount(n));
}

Result<std::vector<TlogHash>> stored_hashes_for_record(std::int64_t n, const TlogHash& leaf,
                                                       const HashReader& reader) {
    std::vector<TlogHash> out{leaf};
    TlogHash hash = leaf;
    // Record n completes one subtree per trailing one bit of n: at each level the left sibling
    // (level, n >> level - 1) is already stored.
    for (int level = 0; ((n >> level) & 1) == 1; ++level) {
        auto left = reader(level, (n >> level) - 1);
        if (!left) {
            return tl::unexpected(left.error());
        }
        hash = node_hash(*left, hash);
        out.push_back(hash);
    }
    return out;
}

Result<TlogHash> range_hash(std::int64_t lo, std::int64_t hi, const HashReader& reader) {
    if (lo < 0 || hi <= lo) {
        return fail(ErrorCode::internal, "empty range in the tree hash");
    }
    // Split [lo, hi) into complete subtrees, largest first, then fold them right to left.
    std::vector<TlogHash> parts;
    for (std::int64_t at = lo; at < hi;) {
        const std::int64_t size = floor_power_of_two(hi - at);
        if (at % size != 0) {
            return fail(ErrorCode::internal, "unaligned range in the tree hash");
        }
        const int level = std::countr_zero(static_cast<std::uint64_t>(size));
        auto part = reader(level, at >> level);
        if (!part) {
            return tl::unexpected(part.error());
        }
        parts.push_back(*part);
        at += size;
    }
    TlogHash hash = parts.back();
    for (auto it = parts.rbegin() + 1; it != parts.rend(); ++it) {
        hash = node_hash(*it, hash);
    }
    return hash;
}

Result<TlogHash> tree_hash(std::int64_t size, const HashReader& reader) {
    if (size == 0) {
        return TlogHash{};
    }
    return range_hash(0, size, reader);
}

} // namespace gover::sumdb
