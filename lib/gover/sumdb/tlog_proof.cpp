#include "gover/sumdb/tlog_proof.hpp"

#include <bit>

namespace gover::sumdb {
namespace {

// The largest power of two strictly below n (n > 1): where RFC 6962 splits a tree.
std::int64_t split_point(std::int64_t n) {
    return static_cast<std::int64_t>(std::bit_floor(static_cast<std::uint64_t>(n - 1)));
}

// RFC 6962 PATH(m, D[lo:hi]) with m an absolute record number, appended to `out`.
Status append_path(std::int64_t m, std::int64_t lo, std::int64_t hi, const HashReader& reader,
                   TlogProof& out) {
    if (hi - lo == 1) {
        return {};
    }
    const std::int64_t k = split_point(hi - lo);
    const bool left = m < lo + k;
    if (auto inner = left ? append_path(m, lo, lo + k, reader, out)
                          : append_path(m, lo + k, hi, reader, out);
        !inner) {
        return inner;
    }
    auto sibling = left ? range_hash(lo + k, hi, reader) : range_hash(lo, lo + k, reader);
    if (!sibling) {
        return tl::unexpected(sibling.error());
    }
    out.push_back(*sibling);
    return {};
}

// RFC 6962 SUBPROOF(m, D[lo:hi], whole) with m an absolute tree size, appended to `out`.
Status append_subproof(std::int64_t m, std::int64_t lo, std::int64_t hi, bool whole,
                       const HashReader& reader, TlogProof& out) {
    if (m == hi) {
        if (whole) {
            return {};
        }
        auto hash = range_hash(lo, hi, reader);
        if (!hash) {
            return tl::unexpected(hash.error());
        }
        out.push_back(*hash);
        return {};
    }
    const std::int64_t k = split_point(hi - lo);
    const bool left = m <= lo + k;
    if (auto inner = left ? append_subproof(m, lo, lo + k, whole, reader, out)
                          : append_subproof(m, lo + k, hi, false, reader, out);
        !inner) {
        return inner;
    }
    auto sibling = left ? range_hash(lo + k, hi, reader) : range_hash(lo, lo + k, reader);
    if (!sibling) {
        return tl::unexpected(sibling.error());
    }
    out.push_back(*sibling);
    return {};
}

// Shifts fn and sn right together until fn's lowest bit is set (or fn is 0).
void shift_to_set_bit(std::uint64_t& fn, std::uint64_t& sn) {
    while (fn != 0 && (fn & 1) == 0) {
        fn >>= 1;
        sn >>= 1;
    }
}

} // namespace

Result<TlogProof> prove_record(std::int64_t size, std::int64_t n, const HashReader& reader) {
    if (n < 0 || size <= n) {
        return fail(ErrorCode::internal, "record " + std::to_string(n) + " is not in a tree of " +
                                             std::to_string(size) + " records");
    }
    TlogProof proof;
    if (auto status = append_path(n, 0, size, reader, proof); !status) {
        return tl::unexpected(status.error());
    }
    return proof;
}

bool check_record(const TlogProof& proof, std::int64_t size, const TlogHash& root, std::int64_t n,
                  const TlogHash& leaf) {
    if (n < 0 || size <= n) {
        return false;
    }
    auto fn = static_cast<std::uint64_t>(n);
    auto sn = static_cast<std::uint64_t>(size - 1);
    TlogHash hash = leaf;
    for (const TlogHash& sibling : proof) {
        if (sn == 0) {
            return false;
        }
        if ((fn & 1) == 1 || fn == sn) {
            hash = node_hash(sibling, hash);
            shift_to_set_bit(fn, sn);
        } else {
            hash = node_hash(hash, sibling);
        }
        fn >>= 1;
        sn >>= 1;
    }
    return sn == 0 && hash == root;
}

Result<TlogProof> prove_tree(std::int64_t size, std::int64_t old_size, const HashReader& reader) {
    if (old_size < 1 || size < old_size) {
        return fail(ErrorCode::internal, "no consistency proof from " + std::to_string(old_size) +
                                             " to " + std::to_string(size) + " records");
    }
    TlogProof proof;
    if (auto status = append_subproof(old_size, 0, size, true, reader, proof); !status) {
        return tl::unexpected(status.error());
    }
    return proof;
}

bool check_tree(const TlogProof& proof, std::int64_t size, const TlogHash& root,
                std::int64_t old_size, const TlogHash& old_root) {
    if (old_size < 1 || size < old_size) {
        return false;
    }
    if (old_size == size) {
        return proof.empty() && root == old_root;
    }
    // A smaller tree that is a complete left subtree is not repeated in the proof.
    const bool complete = std::has_single_bit(static_cast<std::uint64_t>(old_size));
    std::vector<const TlogHash*> path;
    if (complete) {
        path.push_back(&old_root);
    }
    for (const TlogHash& hash : proof) {
        path.push_back(&hash);
    }
    if (path.empty()) {
        return false;
    }
    auto fn = static_cast<std::uint64_t>(old_size - 1);
    auto sn = static_cast<std::uint64_t>(size - 1);
    while ((fn & 1) == 1) {
        fn >>= 1;
        sn >>= 1;
    }
    TlogHash old_hash = *path[0];
    TlogHash new_hash = *path[0];
    for (std::size_t i = 1; i < path.size(); ++i) {
        const TlogHash& c = *path[i];
        if (sn == 0) {
            return false;
        }
        if ((fn & 1) == 1 || fn == sn) {
            old_hash = node_hash(c, old_hash);
            new_hash = node_hash(c, new_hash);
            shift_to_set_bit(fn, sn);
        } else {
            new_hash = node_hash(new_hash, c);
        }
        fn >>= 1;
        sn >>= 1;
    }
    return sn == 0 && old_hash == old_root && new_hash == root;
}

} // namespace gover::sumdb
