// The release index comes from the network (or a mirror someone else runs). Properties: never
// crashes, however deep or odd the JSON (the depth limit keeps nlohmann from recursing); what it
// accepts is safe to use: versions name store directories (no '/' or ".."), file names are safe
// URL and file names, sha256 is empty or 64 lower-case hex digits, releases are newest first
// with no duplicates; and the cached digest of an index reads back as the same archives.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "gover/source/index_digest.hpp"
#include "gover/source/release_index.hpp"

namespace {

bool is_hex64(const std::string& text) {
    if (text.size() != 64) {
        return false;
    }
    for (char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

bool same_files(const gover::Release& a, const gover::Release& b) {
    if (a.files.size() != b.files.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.files.size(); ++i) {
        const auto& x = a.files[i];
        const auto& y = b.files[i];
        if (x.filename != y.filename || x.os != y.os || x.arch != y.arch || x.kind != y.kind ||
            x.sha256 != y.sha256 || x.size != y.size) {
            return false;
        }
    }
    return true;
}

void check_index(const gover::ReleaseIndex& index) {
    const auto& releases = index.releases();
    for (std::size_t i = 0; i < releases.size(); ++i) {
        const auto& release = releases[i];
        const std::string name = release.version.str();
        if (name.find('/') != std::string::npos || name.find("..") != std::string::npos) {
            std::abort();
        }
        if (i > 0 && !(releases[i - 1].version > release.version)) {
            std::abort(); // not strictly newest first
        }
        if (index.find(release.version) != &release) {
            std::abort();
        }
        for (const auto& file : release.files) {
            if (!gover::is_safe_release_filename(file.filename) ||
                (!file.sha256.empty() && !is_hex64(file.sha256))) {
                std::abort();
            }
        }
    }
}

void check_digest_round_trip(const gover::ReleaseIndex& index) {
    const gover::DigestMeta meta{"https://mirror.example/dl/", "\"etag\nwith newline\"", ""};
    auto digest = gover::read_digest(gover::write_digest(index, meta));
    if (!digest) {
        std::abort();
    }
    const auto expected = gover::archives_only(index);
    const auto& got = digest->index.releases();
    if (got.size() != expected.releases().size() || digest->meta.url != meta.url) {
        std::abort();
    }
    for (std::size_t i = 0; i < got.size(); ++i) {
        const auto& want = expected.releases()[i];
        if (!(got[i].version == want.version) || got[i].version.str() != want.version.str() ||
            got[i].stable != want.stable || !same_files(got[i], want)) {
            std::abort();
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto index = gover::ReleaseIndex::parse(text, "https://mirror.example/dl/?mode=json");
    if (!index) {
        if (index.error().code != gover::ErrorCode::index ||
            index.error().message.find("https://mirror.example/dl/") == std::string::npos) {
            std::abort();
        }
        return 0;
    }
    check_index(*index);
    check_digest_round_trip(*index);
    for (const auto* spec : {"latest", "1.22", "1.21.0", "1.23rc1"}) {
        if (auto request = gover::parse_spec(spec)) {
            if (auto found = index->resolve(*request); found && !*found) {
                std::abort(); // success must name a release
            }
        }
    }
    return 0;
}
