#include "gover/sumdb/latest_tree.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <span>

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
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (errno == ENOENT) {
            return std::optional<VerifiedTree>();
        }
        return fail(ErrorCode::io, "cannot read " + path.string() + ": " + std::strerror(errno));
    }
    const std::string note((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto tree = open_tree_note(note, key, path.string());
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
