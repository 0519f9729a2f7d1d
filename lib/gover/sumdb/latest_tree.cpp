#include "gover/sumdb/latest_tree.hpp"

#include <span>

#include "core/regular_file.hpp"
#include "gover/base/atomic_file.hpp"
#include "gover/sumdb/signed_note.hpp"

namespace gover::sumdb {

Result<VerifiedTree> open_tree_note(std::string_view note, const VerifierKey& key,
                                    std::string_view what) {
    auto opened = open_note(note, std::span<const VerifierKey>(&key, 1), what);
    if (!opened) {
        return tl::unexpected(opened.error());
    }
    auto tree = parse_tree(opened->text, what);
    if (!tree) {
        return tl::unexpected(tree.error());
    }
    return VerifiedTree{*tree, std::string(note)};
}

Result<std::optional<VerifiedTree>> read_latest(const std::filesystem::path& path,
                                                const VerifierKey& key) {
    // A signed tree head is a few hundred bytes; 64 KiB leaves room for many signatures.
    auto file = read_bounded_file(path.string(), 64 * 1024);
    if (!file) {
        return tl::unexpected(file.error());
    }
    if (file->state == FileState::absent) {
        return std::optional<VerifiedTree>();
    }
    auto tree = file->state == FileState::read
                    ? open_tree_note(file->text, key, path.string())
                    : Result<VerifiedTree>(fail(ErrorCode::checksum, "not a regular file"));
    if (!tree) {
        return fail(ErrorCode::checksum,
                    path.string() + " is not a tree head signed by " + key.text + ": " +
                        tree.error().message,
                    "if you trust the database, remove " + path.string() + " to start over");
    }
    return std::optional<VerifiedTree>(std::move(*tree));
}

Status write_latest(const std::filesystem::path& path, const std::string& note) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) {
        return fail(ErrorCode::io,
                    "cannot create " + path.parent_path().string() + ": " + ec.message());
    }
    return write_file_atomically(path, note);
}

} // namespace gover::sumdb
