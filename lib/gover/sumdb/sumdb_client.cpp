#include "gover/sumdb/sumdb_client.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <sys/file.h>
#include <unistd.h>

#include "gover/sumdb/latest_tree.hpp"
#include "gover/sumdb/tlog_proof.hpp"

namespace gover::sumdb {
namespace {

bool is_url_safe(char c, bool allow_slash) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return alnum || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' ||
           (allow_slash && c == '/');
}

Result<std::string> escape(std::string_view text, bool is_path) {
    const char* what = is_path ? "module path" : "module version";
    if (text.empty() || text.find("..") != std::string_view::npos || text.front() == '/') {
        return fail(ErrorCode::usage, std::string("invalid ") + what + " \"" + std::string(text) +
                                          "\" for the checksum database");
    }
    std::string out;
    for (char c : text) {
        if (!is_url_safe(c, is_path)) {
            return fail(ErrorCode::usage, std::string("invalid ") + what + " \"" +
                                              std::string(text) + "\" for the checksum database");
        }
        if (c >= 'A' && c <= 'Z') {
            out += '!';
            c = static_cast<char>(c - 'A' + 'a');
        }
        out += c;
    }
    return out;
}

// An exclusive lock on the database's state for one lookup, so two gover processes never
// move `latest` backwards over each other. Released when the descriptor closes.
class StateLock {
  public:
    static Result<StateLock> take(const std::filesystem::path& dir) {
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        const auto path = dir / "lock";
        const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0 || ::flock(fd, LOCK_EX) != 0) {
            const int err = errno;
            if (fd >= 0) {
                ::close(fd);
            }
            return fail(ErrorCode::io, "cannot lock " + path.string() + ": " + std::strerror(err));
        }
        return StateLock(fd);
    }
    StateLock(StateLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    StateLock& operator=(StateLock&&) = delete;
    ~StateLock() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }

  private:
    explicit StateLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

// What the database answered to a lookup, signature checked.
struct Answer {
    Record record;
    VerifiedTree tree;
    std::string url;
};

tl::unexpected<Error> forked(const std::string& name, const Tree& tree, const Tree& latest,
                             const std::filesystem::path& latest_path) {
    return fail(ErrorCode::checksum,
                "the checksum database " + name + " may be compromised: its signed tree of " +
                    std::to_string(tree.size) + " records is not consistent with the tree of " +
                    std::to_string(latest.size) + " records verified before (" +
                    latest_path.string() + ")",
                "nothing was installed; keep " + latest_path.string() +
                    " as evidence and report it to the database's operators");
}

Result<Answer> fetch_answer(SumdbFetcher& fetcher, const VerifierKey& key,
                            const std::string& lookup_path, std::string_view module_version) {
    const std::string url = fetcher.url_of(lookup_path);
    auto body = fetcher.get(lookup_path);
    if (!body) {
        Error error = body.error();
        if (error.code == ErrorCode::not_found) {
            error.message = std::string(module_version) + " is not in the checksum database " +
                            key.name + " (" + url + " answered not found)";
            error.hint = "check the version; a release the database does not know is not installed";
        }
        return tl::unexpected(std::move(error));
    }
    auto record = parse_record(*body);
    if (!record) {
        return fail(ErrorCode::checksum, "malformed answer from the checksum database at " + url,
                    "the database or the proxy serving it is broken; try again later");
    }
    auto tree = open_tree_note(record->rest, key, url);
    if (!tree) {
        return tl::unexpected(tree.error());
    }
    if (record->id >= tree->tree.size) {
        return fail(ErrorCode::checksum, "the checksum database at " + url + " answered record " +
                                             std::to_string(record->id) + " with a tree of " +
                                             std::to_string(tree->tree.size) + " records");
    }
    record->rest = {};
    return Answer{std::move(*record), std::move(*tree), url};
}

// Proves the record is in the answer's tree, and that tree and `latest` are one history.
Status prove(const Answer& answer, const std::optional<VerifiedTree>& latest, TileReader& tiles,
             const std::string& name, const std::filesystem::path& latest_path) {
    const Tree& tree = answer.tree.tree;
    auto path = prove_record(tree.size, answer.record.id, tiles.hashes(tree.size));
    if (!path) {
        return tl::unexpected(path.error());
    }
    if (!check_record(*path, tree.size, tree.root, answer.record.id,
                      record_hash(answer.record.text))) {
        return fail(ErrorCode::checksum,
                    "the checksum database " + name + " may be compromised: record " +
                        std::to_string(answer.record.id) + " from " + answer.url +
                        " is not in its signed tree of " + std::to_string(tree.size) + " records",
                    "nothing was installed; try again later, and report it if it persists");
    }
    if (!latest) {
        return {};
    }
    const Tree& old = latest->tree;
    if (old.size == tree.size) {
        return old.root == tree.root ? Status{} : forked(name, tree, old, latest_path);
    }
    // The smaller tree must be a prefix of the larger, proven from the larger one's tiles.
    const Tree& big = old.size > tree.size ? old : tree;
    const Tree& small = old.size > tree.size ? tree : old;
    auto proof = prove_tree(big.size, small.size, tiles.hashes(big.size));
    if (!proof) {
        return tl::unexpected(proof.error());
    }
    if (!check_tree(*proof, big.size, big.root, small.size, small.root)) {
        return forked(name, tree, old, latest_path);
    }
    return {};
}

// The record's lines for module@version and the zip's h1: among them.
Result<SumdbLookup> lines_for(const Answer& answer, std::string_view module_path,
                              std::string_view version, const std::string& name) {
    SumdbLookup out;
    const std::string zip_prefix = std::string(module_path) + " " + std::string(version) + " ";
    const std::string mod_prefix =
        std::string(module_path) + " " + std::string(version) + "/go.mod ";
    std::string_view text = answer.record.text;
    while (!text.empty()) {
        const auto end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        text.remove_prefix(end + 1);
        if (line.starts_with(zip_prefix)) {
            const std::string_view hash = line.substr(zip_prefix.size());
            if (hash.starts_with("h1:") && out.h1.empty()) {
                out.h1 = std::string(hash);
            }
        } else if (!line.starts_with(mod_prefix)) {
            continue;
        }
        out.lines.emplace_back(line);
    }
    if (out.h1.empty()) {
        return fail(ErrorCode::checksum,
                    "the checksum database " + name + " has no h1: hash of " +
                        std::string(module_path) + "@" + std::string(version) + "'s zip in " +
                        answer.url,
                    "the database or the proxy serving it is broken; try again later");
    }
    out.database = name;
    out.record_id = answer.record.id;
    out.tree_size = answer.tree.tree.size;
    out.root_hash = hash_to_base64(answer.tree.tree.root);
    return out;
}

} // namespace

Result<SumdbDirs> sumdb_dirs(const std::filesystem::path& gover_home, std::string_view name) {
    std::string_view rest = name;
    bool ok = !name.empty();
    while (ok) {
        const auto slash = rest.find('/');
        const std::string_view segment = rest.substr(0, slash);
        ok = !segment.empty() && segment != "." && segment != "..";
        for (char c : segment) {
            ok = ok && (is_url_safe(c, false) || c == ':');
        }
        if (slash == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(slash + 1);
    }
    if (!ok) {
        return fail(ErrorCode::usage,
                    "invalid checksum database name \"" + std::string(name) + "\"",
                    "a database is named by its host and path, like sum.golang.org");
    }
    return SumdbDirs{gover_home / "sumdb" / name, gover_home / "cache" / "sumdb" / name};
}

Result<std::string> escape_module_path(std::string_view path) {
    return escape(path, true);
}

Result<std::string> escape_module_version(std::string_view version) {
    return escape(version, false);
}

SumdbClient::SumdbClient(VerifierKey key, SumdbFetcher& fetcher, SumdbDirs dirs)
    : key_(std::move(key)), fetcher_(fetcher), dirs_(std::move(dirs)) {}

Result<SumdbLookup> SumdbClient::lookup(std::string_view module_path, std::string_view version) {
    auto escaped_path = escape_module_path(module_path);
    auto escaped_version = escape_module_version(version);
    if (!escaped_path || !escaped_version) {
        return tl::unexpected(escaped_path ? escaped_version.error() : escaped_path.error());
    }
    auto lock = StateLock::take(dirs_.state);
    if (!lock) {
        return tl::unexpected(lock.error());
    }
    const std::string module_version = std::string(module_path) + "@" + std::string(version);
    auto answer = fetch_answer(fetcher_, key_, "lookup/" + *escaped_path + "@" + *escaped_version,
                               module_version);
    if (!answer) {
        return tl::unexpected(answer.error());
    }
    const auto latest_path = dirs_.state / "latest";
    auto latest = read_latest(latest_path, key_);
    if (!latest) {
        return tl::unexpected(latest.error());
    }
    TileReader tiles(fetcher_, dirs_.tile_cache);
    auto proven = prove(*answer, *latest, tiles, key_.name, latest_path);
    if (!proven && proven.error().code == ErrorCode::checksum && tiles.used_cache()) {
        // A damaged cached tile must not pass for a compromised database: ask the database.
        tiles.distrust_cache();
        proven = prove(*answer, *latest, tiles, key_.name, latest_path);
    }
    if (!proven) {
        return tl::unexpected(proven.error());
    }
    auto result = lines_for(*answer, module_path, version, key_.name);
    if (!result) {
        return result;
    }
    if (!*latest || answer->tree.tree.size > (*latest)->tree.size) {
        if (auto written = write_latest(latest_path, answer->tree.note); !written) {
            return tl::unexpected(written.error());
        }
    }
    tiles.save_to_cache();
    result->tiles = tiles.stats();
    return result;
}

} // namespace gover::sumdb
