#include "gover/source/index_source.hpp"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <sys/stat.h>
#include <unistd.h>

#include "core/regular_file.hpp"
#include "gover/base/atomic_file.hpp"
#include "gover/base/file_age.hpp"
#include "gover/source/index_digest.hpp"

namespace gover {
namespace {

namespace fs = std::filesystem;

// go.dev's full index is a few MB; a cached or local index far past that is not one.
constexpr std::size_t k_max_index_file_bytes = std::size_t(256) << 20;

// FNV-1a: a stable, dependency-free name for a mirror's cache files (the digest also records
// the URL, so a collision only costs a refetch).
std::string url_hash(std::string_view url) {
    std::uint64_t hash = 14695981039346656037ull;
    for (unsigned char c : url) {
        hash = (hash ^ c) * 1099511628211ull;
    }
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i) {
        out[static_cast<std::size_t>(i)] = k_hex[hash & 0xf];
        hash >>= 4;
    }
    return out;
}

// The cache and a file:// mirror's index.json: regular files only, never blocking, capped (a
// FIFO or /dev/zero put there reads as "cannot read", never a hang).
std::optional<std::string> read_whole_file(const fs::path& path, std::string* error = nullptr) {
    auto file = read_bounded_file(path.string(), k_max_index_file_bytes);
    if (file && file->state == FileState::read) {
        return std::move(file->text);
    }
    if (error) {
        *error = !file                                   ? file.error().message
                 : file->state == FileState::not_regular ? "not a regular file"
                 : file->state == FileState::too_large
                     ? "larger than " + std::to_string(k_max_index_file_bytes >> 20) + " MiB"
                     : std::strerror(ENOENT);
    }
    return std::nullopt;
}

// The cache is disposable: a failed write costs a refetch later, never the command itself, and
// it skips the fsyncs.
void write_atomically(const fs::path& path, std::string_view content) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    (void)write_file_atomically(path, content, AtomicFileOptions{Durability::disposable, {}, {}});
}

std::string describe_age(std::int64_t seconds) {
    if (seconds < 120) {
        return std::to_string(seconds < 0 ? 0 : seconds) + " s";
    }
    if (seconds < 7200) {
        return std::to_string(seconds / 60) + " min";
    }
    if (seconds < 2 * 86400) {
        return std::to_string(seconds / 3600) + " h";
    }
    return std::to_string(seconds / 86400) + " days";
}

struct Cached {
    Digest digest;
    std::int64_t age_seconds = 0; // since the index was fetched or last revalidated
};

// The cached index for this mirror: the digest, or (when it is missing or damaged) the raw JSON,
// which then carries no validators and is fetched again in full when stale.
std::optional<Cached> read_cache(const IndexCachePaths& paths, const Mirror& mirror,
                                 const Platform* only) {
    if (auto text = read_whole_file(paths.digest)) {
        if (auto digest = read_digest(*text, only);
            digest && digest->meta.url == mirror.base_url()) {
            if (auto age = file_age(paths.digest)) {
                return Cached{std::move(*digest), age->count()};
            }
        }
    }
    auto raw = read_whole_file(paths.raw);
    if (!raw) {
        return std::nullopt;
    }
    auto parsed = ReleaseIndex::parse(*raw, paths.raw.string());
    if (!parsed) {
        return std::nullopt;
    }
    return Cached{Digest{DigestMeta{mirror.base_url(), "", ""}, archives_only(*parsed, only)},
                  // Stale on purpose: without validators, only a fetch can tell it is current.
                  std::numeric_limits<std::int64_t>::max() / 2};
}

void notify(const IndexLoadOptions& options, const std::string& text) {
    if (options.notice) {
        options.notice(text);
    }
}

ReleaseIndex use_stale(const IndexLoadOptions& options, Cached& cached, const Error& why) {
    const std::string age = cached.age_seconds >= std::numeric_limits<std::int64_t>::max() / 4
                                ? std::string()
                                : " from " + describe_age(cached.age_seconds) + " ago";
    notify(options, "gover: using the cached release index" + age + ": " + why.message);
    return std::move(cached.digest.index);
}

Result<ReleaseIndex> load_file_mirror(const IndexCachePaths& paths, const Mirror& mirror,
                                      const Platform* only) {
    const std::string url = mirror.index_url();
    const auto path = file_url_path(url);
    if (!path) {
        return fail(ErrorCode::usage, "cannot use " + mirror.base_url() + " as a mirror",
                    "a file:// mirror names a local directory: file:///path/to/mirror/");
    }
    struct stat st {};
    if (::stat(path->c_str(), &st) != 0) {
        return fail(ErrorCode::io, "cannot read " + *path + ": " + std::strerror(errno),
                    "a file:// mirror (GOVER_MIRROR) is a directory holding index.json");
    }
    // A local file has no ETag: its size and modification time stand in for one. The time
    // through std::filesystem, to the nanosecond on Linux and macOS alike (struct stat's field
    // names differ), and as nanoseconds (libc++ counts file time in a 128-bit integer).
    std::error_code ec;
    const auto modified = std::chrono::duration_cast<std::chrono::nanoseconds>(
        fs::last_write_time(*path, ec).time_since_epoch());
    const std::string stamp =
        "file " + std::to_string(st.st_size) + " " + std::to_string(modified.count());
    if (auto text = read_whole_file(paths.digest)) {
        if (auto digest = read_digest(*text, only);
            digest && digest->meta.url == mirror.base_url() && digest->meta.etag == stamp) {
            return std::move(digest->index);
        }
    }
    std::string error;
    auto text = read_whole_file(*path, &error);
    if (!text) {
        return fail(ErrorCode::io, "cannot read " + *path + ": " + error,
                    "a file:// mirror (GOVER_MIRROR) is a directory holding index.json");
    }
    auto parsed = ReleaseIndex::parse(*text, *path);
    if (!parsed) {
        return tl::unexpected(parsed.error());
    }
    ReleaseIndex index = archives_only(*parsed);
    write_atomically(paths.digest, write_digest(index, DigestMeta{mirror.base_url(), stamp, ""}));
    return only ? archives_only(index, only) : index;
}

} // namespace

IndexCachePaths index_cache_paths(const Layout& layout, const Mirror& mirror) {
    const std::string stem = "index-" + url_hash(mirror.base_url());
    return {layout.cache_dir() / (stem + ".json"), layout.cache_dir() / (stem + ".digest")};
}

Result<ReleaseIndex> load_index(const Layout& layout, const Mirror& mirror,
                                const IndexLoadOptions& options) {
    const TransferSettings settings =
        options.transfer.value_or(TransferSettings::from_environment());
    const std::string url = mirror.index_url();
    // An http mirror is refused before anything, cached or not (README "How it works").
    if (auto allowed = check_url_allowed(url, settings); !allowed) {
        return tl::unexpected(allowed.error());
    }
    const IndexCachePaths paths = index_cache_paths(layout, mirror);
    const Platform* only = options.platform ? &*options.platform : nullptr;
    if (mirror.is_file()) {
        return load_file_mirror(paths, mirror, only);
    }
    std::optional<Cached> cached = read_cache(paths, mirror, only);
    if (cached && !options.refresh && cached->age_seconds >= 0 &&
        cached->age_seconds < options.max_age_seconds) {
        return std::move(cached->digest.index);
    }
    FetchRequest request;
    request.url = url;
    if (cached) {
        request.if_none_match = cached->digest.meta.etag;
        request.if_modified_since = cached->digest.meta.last_modified;
    }
    auto response = fetch(request, settings);
    if (!response) {
        const ErrorCode code = response.error().code;
        if (cached && code != ErrorCode::usage && code != ErrorCode::interrupted) {
            return use_stale(options, *cached, response.error());
        }
        return tl::unexpected(response.error());
    }
    if (response->not_modified) {
        if (cached) {
            // Still current: restart the freshness window without rewriting anything.
            std::error_code ec;
            fs::last_write_time(paths.digest, fs::file_time_type::clock::now(), ec);
            return std::move(cached->digest.index);
        }
        return fail(ErrorCode::index,
                    url + " answered 304 Not Modified to a request without "
                          "validators",
                    "check the mirror (GOVER_MIRROR)");
    }
    auto parsed = ReleaseIndex::parse(response->body, url);
    if (!parsed) {
        if (cached) {
            return use_stale(options, *cached, parsed.error());
        }
        return tl::unexpected(parsed.error());
    }
    ReleaseIndex index = archives_only(*parsed);
    write_atomically(paths.raw, response->body);
    write_atomically(paths.digest, write_digest(index, DigestMeta{mirror.base_url(), response->etag,
                                                                  response->last_modified}));
    return only ? archives_only(index, only) : index;
}

std::optional<ReleaseIndex> cached_index(const Layout& layout, const Mirror& mirror) {
    if (auto text = read_whole_file(index_cache_paths(layout, mirror).digest)) {
        if (auto digest = read_digest(*text)) {
            return std::move(digest->index);
        }
    }
    if (mirror.is_file()) {
        if (const auto path = file_url_path(mirror.index_url())) {
            if (auto text = read_whole_file(*path)) {
                if (auto index = ReleaseIndex::parse(*text, *path)) {
                    return std::move(*index);
                }
            }
        }
    }
    return std::nullopt;
}

} // namespace gover
