#include "gover/source/index_digest.hpp"

#include <charconv>
#include <vector>

namespace gover {
namespace {

// Bump when the format changes: an old digest then reads as missing and is rebuilt.
constexpr std::string_view k_magic = "gover-index-digest 1";

// Header values come from the network: keep them on one line.
std::string one_line(std::string_view text) {
    std::string out;
    for (char c : text) {
        out += (c == '\n' || c == '\r') ? ' ' : c;
    }
    return out;
}

std::string_view or_dash(const std::string& text) {
    return text.empty() ? std::string_view("-") : std::string_view(text);
}

std::string from_dash(std::string_view text) {
    return text == "-" ? std::string() : std::string(text);
}

// Splits a line at single spaces into exactly n fields (the last one takes the rest).
bool split(std::string_view line, std::size_t n, std::vector<std::string_view>& fields) {
    fields.clear();
    while (fields.size() + 1 < n) {
        const auto space = line.find(' ');
        if (space == std::string_view::npos) {
            return false;
        }
        fields.push_back(line.substr(0, space));
        line.remove_prefix(space + 1);
    }
    fields.push_back(line);
    return true;
}

Error corrupt(std::string_view why) {
    return Error{ErrorCode::index, "the cached index digest is damaged (" + std::string(why) + ")",
                 ""};
}

} // namespace

ReleaseIndex archives_only(const ReleaseIndex& index, const Platform* only) {
    std::vector<Release> releases;
    releases.reserve(index.releases().size());
    for (const auto& release : index.releases()) {
        Release copy;
        copy.version = release.version;
        copy.stable = release.stable;
        for (const auto& file : release.files) {
            if (file.kind == "archive" &&
                (!only || (file.os == only->os && file.arch == only->arch))) {
                copy.files.push_back(file);
            }
        }
        releases.push_back(std::move(copy));
    }
    return ReleaseIndex(std::move(releases));
}

std::string write_digest(const ReleaseIndex& index, const DigestMeta& meta) {
    std::string out;
    out.reserve(64 + index.releases().size() * 2048);
    out += k_magic;
    out += "\nurl " + one_line(meta.url);
    out += "\netag " + one_line(meta.etag);
    out += "\nmodified " + one_line(meta.last_modified);
    out += '\n';
    for (const auto& release : index.releases()) {
        out += "r " + release.version.str() + (release.stable ? " s\n" : " p\n");
        for (const auto& file : release.files) {
            if (file.kind != "archive") {
                continue;
            }
            out += "f ";
            out += or_dash(file.os);
            out += ' ';
            out += or_dash(file.arch);
            out += ' ';
            out += or_dash(file.sha256);
            out += ' ';
            out += std::to_string(file.size);
            out += ' ';
            out += file.filename;
            out += '\n';
        }
    }
    out += "end " + std::to_string(index.releases().size()) + "\n";
    return out;
}

Result<Digest> read_digest(std::string_view text, const Platform* only) {
    // "f <os> <arch> ": lines of other platforms are skipped before any parsing.
    const std::string wanted =
        only ? "f " + std::string(or_dash(only->os)) + " " + std::string(or_dash(only->arch)) + " "
             : std::string();
    auto next_line = [&text]() -> std::optional<std::string_view> {
        const auto newline = text.find('\n');
        if (newline == std::string_view::npos) {
            return std::nullopt; // every line ends in '\n': a missing one means cut short
        }
        std::string_view line = text.substr(0, newline);
        text.remove_prefix(newline + 1);
        return line;
    };
    auto header = [&](std::string_view key) -> std::optional<std::string> {
        auto line = next_line();
        if (!line || !line->starts_with(key) || line->size() < key.size() + 1 ||
            (*line)[key.size()] != ' ') {
            return std::nullopt;
        }
        return std::string(line->substr(key.size() + 1));
    };
    if (next_line() != k_magic) {
        return tl::unexpected(corrupt("unknown format"));
    }
    Digest digest;
    auto url = header("url");
    auto etag = header("etag");
    auto modified = header("modified");
    if (!url || !etag || !modified) {
        return tl::unexpected(corrupt("bad header"));
    }
    digest.meta = DigestMeta{*url, *etag, *modified};
    std::vector<Release> releases;
    std::vector<std::string_view> fields;
    while (auto line = next_line()) {
        if (line->starts_with("r ")) {
            if (!split(line->substr(2), 2, fields) || (fields[1] != "s" && fields[1] != "p")) {
                return tl::unexpected(corrupt("bad release line"));
            }
            auto version = GoVersion::parse(fields[0]);
            if (!version) {
                return tl::unexpected(corrupt("bad version"));
            }
            releases.push_back(Release{*version, fields[1] == "s", {}});
        } else if (line->starts_with("f ")) {
            if (only && !line->starts_with(wanted)) {
                continue;
            }
            if (releases.empty() || !split(line->substr(2), 5, fields)) {
                return tl::unexpected(corrupt("bad file line"));
            }
            ReleaseFile file;
            file.os = from_dash(fields[0]);
            file.arch = from_dash(fields[1]);
            file.kind = "archive";
            file.sha256 = from_dash(fields[2]);
            auto [end, ec] =
                std::from_chars(fields[3].data(), fields[3].data() + fields[3].size(), file.size);
            if (ec != std::errc() || end != fields[3].data() + fields[3].size() ||
                !is_safe_release_filename(fields[4]) ||
                (!file.sha256.empty() && file.sha256.size() != 64)) {
                return tl::unexpected(corrupt("bad file entry"));
            }
            file.filename = std::string(fields[4]);
            releases.back().files.push_back(std::move(file));
        } else if (line->starts_with("end ")) {
            if (line->substr(4) != std::to_string(releases.size()) || !text.empty()) {
                return tl::unexpected(corrupt("wrong release count"));
            }
            digest.index = ReleaseIndex(std::move(releases));
            return digest;
        } else {
            return tl::unexpected(corrupt("unknown line"));
        }
    }
    return tl::unexpected(corrupt("cut short"));
}

} // namespace gover
