#include "gover/source/release_index.hpp"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

namespace gover {
namespace {

using Json = nlohmann::json;

// The real index nests four levels deep and is ~2 MB; anything far past that is hostile.
constexpr std::size_t k_max_depth = 16;
constexpr std::size_t k_max_index_bytes = 64u << 20;

// Nesting depth of JSON text, counted without parsing so hostile input cannot exhaust the stack
// or memory before nlohmann sees it. Returns k_max_depth + 1 as soon as the limit is passed.
std::size_t nesting_depth(std::string_view text) {
    std::size_t depth = 0;
    std::size_t deepest = 0;
    bool in_string = false;
    bool escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
            if (deepest > k_max_depth) {
                return deepest;
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

std::string_view first_bytes(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\r' ||
                             text.front() == '\t')) {
        text.remove_prefix(1);
    }
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.remove_prefix(3);
    }
    return text;
}

std::string string_field(const Json& object, const char* key) {
    auto it = object.find(key);
    return (it != object.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

// os, arch and kind are words; anything else cannot name a platform.
bool is_word(std::string_view text) {
    return text.size() <= 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '.';
           });
}

// Lower-case 64-digit hex, or empty when the index has none (or garbage: nothing to trust).
std::string normalized_sha256(std::string text) {
    if (text.size() != 64) {
        return {};
    }
    for (char& c : text) {
        if (c >= 'A' && c <= 'F') {
            c = static_cast<char>(c - 'A' + 'a');
        }
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return {};
        }
    }
    return text;
}

std::uint64_t size_field(const Json& object) {
    auto it = object.find("size");
    if (it != object.end() && it->is_number_unsigned()) {
        return it->get<std::uint64_t>();
    }
    if (it != object.end() && it->is_number_integer() && it->get<std::int64_t>() > 0) {
        return static_cast<std::uint64_t>(it->get<std::int64_t>());
    }
    return 0; // missing, negative or fractional: unknown, like go.dev's own "size": 0
}

std::optional<ReleaseFile> parse_file(const Json& object) {
    if (!object.is_object()) {
        return std::nullopt;
    }
    ReleaseFile file;
    file.filename = string_field(object, "filename");
    file.os = string_field(object, "os");
    file.arch = string_field(object, "arch");
    file.kind = string_field(object, "kind");
    if (!is_safe_release_filename(file.filename) || !is_word(file.os) || !is_word(file.arch) ||
        !is_word(file.kind)) {
        return std::nullopt;
    }
    file.sha256 = normalized_sha256(string_field(object, "sha256"));
    file.size = size_field(object);
    return file;
}

Error not_an_index(const std::string& source, const std::string& why) {
    return Error{ErrorCode::index, source + " is not a release index" + why,
                 "check that GOVER_MIRROR points at a go.dev/dl/ compatible mirror"};
}

} // namespace

bool is_safe_release_filename(std::string_view name) {
    if (name.empty() || name.size() > 255 || name.starts_with('.')) {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '-' || c == '_' || c == '+';
    });
}

const ReleaseFile* Release::archive_for(const Platform& platform) const {
    for (const auto& file : files) {
        if (file.kind == "archive" && file.os == platform.os && file.arch == platform.arch) {
            return &file;
        }
    }
    return nullptr;
}

std::vector<std::string> Release::archive_platforms() const {
    std::set<std::string> names;
    for (const auto& file : files) {
        if (file.kind == "archive" && !file.os.empty() && !file.arch.empty()) {
            names.insert(file.os + "-" + file.arch);
        }
    }
    return {names.begin(), names.end()};
}

ReleaseIndex::ReleaseIndex(std::vector<Release> releases) : releases_(std::move(releases)) {
    // Newest first by Go's rules (the array's own order is not a version order); a version
    // listed twice keeps its first entry.
    std::stable_sort(releases_.begin(), releases_.end(),
                     [](const Release& a, const Release& b) { return a.version > b.version; });
    auto last =
        std::unique(releases_.begin(), releases_.end(),
                    [](const Release& a, const Release& b) { return a.version == b.version; });
    releases_.erase(last, releases_.end());
}

Result<ReleaseIndex> ReleaseIndex::parse(std::string_view json, const std::string& source) {
    const std::string_view start = first_bytes(json);
    if (start.empty()) {
        return tl::unexpected(not_an_index(source, " (it is empty)"));
    }
    if (start.front() == '<') {
        return tl::unexpected(not_an_index(source, " (got HTML?)"));
    }
    if (json.size() > k_max_index_bytes) {
        return tl::unexpected(not_an_index(source, " (larger than 64 MiB)"));
    }
    if (nesting_depth(json) > k_max_depth) {
        return tl::unexpected(not_an_index(source, " (JSON nested too deeply)"));
    }
    Json document;
    try {
        document = Json::parse(start);
    } catch (const Json::parse_error& e) {
        // e.byte is where parsing stopped: at the end means the text was cut short.
        return tl::unexpected(
            not_an_index(source, " (malformed JSON at byte " + std::to_string(e.byte) +
                                     (e.byte >= start.size() ? ", truncated?)" : ")")));
    } catch (const Json::exception& e) {
        return tl::unexpected(not_an_index(source, std::string(" (") + e.what() + ")"));
    }
    if (!document.is_array()) {
        return tl::unexpected(not_an_index(source, " (expected a JSON array of releases)"));
    }
    std::vector<Release> releases;
    releases.reserve(document.size());
    for (const auto& entry : document) {
        if (!entry.is_object()) {
            continue;
        }
        auto version = GoVersion::parse(string_field(entry, "version"));
        if (!version) {
            continue; // a release gover cannot name cannot be installed either
        }
        Release release;
        release.version = *version;
        auto stable = entry.find("stable");
        release.stable = (stable != entry.end() && stable->is_boolean())
                             ? stable->get<bool>()
                             : !version->is_prerelease();
        auto files = entry.find("files");
        if (files != entry.end() && files->is_array()) {
            for (const auto& file_entry : *files) {
                if (auto file = parse_file(file_entry)) {
                    release.files.push_back(std::move(*file));
                }
            }
        }
        releases.push_back(std::move(release));
    }
    if (releases.empty() && !document.empty()) {
        return tl::unexpected(not_an_index(source, " (no entry names a Go release)"));
    }
    return ReleaseIndex(std::move(releases));
}

const Release* ReleaseIndex::find(const GoVersion& version) const {
    for (const auto& release : releases_) {
        if (release.version == version) {
            return &release;
        }
    }
    return nullptr;
}

std::vector<GoVersion> ReleaseIndex::versions() const {
    std::vector<GoVersion> out;
    out.reserve(releases_.size());
    for (const auto& release : releases_) {
        out.push_back(release.version);
    }
    return out;
}

std::vector<AvailableRelease> ReleaseIndex::available() const {
    std::vector<AvailableRelease> out;
    out.reserve(releases_.size());
    for (const auto& release : releases_) {
        AvailableRelease available{release.version, release.stable, {}};
        for (const auto& name : release.archive_platforms()) {
            if (auto platform = Platform::parse(name)) {
                available.platforms.push_back(*platform);
            }
        }
        out.push_back(std::move(available));
    }
    return out;
}

Result<const Release*> ReleaseIndex::resolve(const VersionRequest& request) const {
    auto found = resolve_release(available(), request);
    if (!found) {
        return tl::unexpected(found.error());
    }
    return find(found->version);
}

} // namespace gover
