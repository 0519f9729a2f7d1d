#pragma once
// The newest tree head verified from a checksum database, kept as the signed note it came in
// (<state>/latest), so it is checked again with the key each time it is read.

#include <filesystem>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "gover/sumdb/tree_note.hpp"
#include "gover/sumdb/verifier_key.hpp"

namespace gover::sumdb {

struct VerifiedTree {
    Tree tree;
    std::string note; // the signed note, as the database sent it
};

// The tree in `path`, or nullopt when there is none yet. A file that is not a tree head signed
// by `key` is an ErrorCode::checksum error naming it.
Result<std::optional<VerifiedTree>> read_latest(const std::filesystem::path& path,
                                                const VerifierKey& key);

// Replaces `path` with `note` atomically (durably: it is what detects a forked database).
Status write_latest(const std::filesystem::path& path, const std::string& note);

// Opens a signed tree head from the database: signature by `key`, then the tree text.
Result<VerifiedTree> open_tree_note(std::string_view note, const VerifierKey& key,
                                    std::string_view what);

} // namespace gover::sumdb
