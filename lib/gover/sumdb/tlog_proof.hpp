#pragma once
// Proofs over the checksum database's Merkle tree (RFC 6962 §2.1.1-2.1.2): that a record is in a
// tree (an audit path), and that a larger tree extends a smaller one (a consistency proof).
// Proofs list hashes from the bottom of the tree up, as RFC 6962 and Go's tlog write them.
// Checking follows the iterative algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2.

#include <cstdint>
#include <vector>

#include "core/error.hpp"
#include "gover/sumdb/tlog_hash.hpp"

namespace gover::sumdb {

using TlogProof = std::vector<TlogHash>;

// The audit path of record n in the tree of the first `size` records (0 <= n < size).
Result<TlogProof> prove_record(std::int64_t size, std::int64_t n, const HashReader& reader);

// Whether `proof` shows that the record with leaf hash `leaf` is record n of the tree of `size`
// records whose root is `root`.
bool check_record(const TlogProof& proof, std::int64_t size, const TlogHash& root, std::int64_t n,
                  const TlogHash& leaf);

// The consistency proof between the trees of the first `old_size` and `size` records
// (1 <= old_size <= size).
Result<TlogProof> prove_tree(std::int64_t size, std::int64_t old_size, const HashReader& reader);

// Whether `proof` shows that the tree of `size` records with root `root` extends the tree of
// `old_size` records with root `old_root`.
bool check_tree(const TlogProof& proof, std::int64_t size, const TlogHash& root,
                std::int64_t old_size, const TlogHash& old_root);

} // namespace gover::sumdb
