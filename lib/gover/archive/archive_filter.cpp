#include "gover/archive/archive_filter.hpp"

#include <vector>

#include "gover/base/printable.hpp"

namespace gover {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string_view::npos) {
            end = path.size();
        }
        parts.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

std::string quoted(std::string_view text) {
    return "\"" + printable(text) + "\"";
}

tl::unexpected<Error> refuse(const ArchiveEntryInfo& entry, const std::string& why) {
    return fail(ErrorCode::archive, "unsafe archive entry " + quoted(entry.path) + ": " + why);
}

unsigned masked_mode(EntryKind kind, unsigned mode) {
    if (kind == EntryKind::directory) {
        return 0755;
    }
    return (mode & 0111) != 0 ? 0755 : 0644;
}

} // namespace

std::string_view describe(EntryKind kind) {
    switch (kind) {
    case EntryKind::file:
        return "a regular file";
    case EntryKind::directory:
        return "a directory";
    case EntryKind::symlink:
        return "a symlink";
    case EntryKind::hardlink:
        return "a hard link";
    case EntryKind::char_device:
        return "a character device";
    case EntryKind::block_device:
        return "a block device";
    case EntryKind::fifo:
        return "a FIFO";
    case EntryKind::socket:
        return "a socket";
    case EntryKind::unknown:
        break;
    }
    return "an entry of unknown type";
}

namespace detail {

std::string symlink_target_problem(std::string_view relative, std::string_view target) {
    if (target.empty()) {
        return "a symlink with an empty target";
    }
    if (target.front() == '/') {
        return "a symlink to an absolute path " + quoted(target);
    }
    // The link lives in its parent directory; each leading ".." climbs one level from there.
    std::size_t depth = 0;
    for (auto part : split_path(relative)) {
        if (!part.empty()) {
            ++depth;
        }
    }
    const std::size_t parent_depth = depth - 1;
    std::size_t climbs = 0;
    bool descended = false;
    for (auto part : split_path(target)) {
        if (part.empty() || part == ".") {
            continue;
        }
        if (part == "..") {
            // After a name the climb would start from wherever that name (maybe a symlink)
            // leads, which a header check cannot know: refuse rather than guess.
            if (descended) {
                return "a symlink whose target " + quoted(target) + " has \"..\" after a name";
            }
            ++climbs;
            continue;
        }
        descended = true;
    }
    if (climbs > parent_depth) {
        return "a symlink to " + quoted(target) + ", outside the toolchain";
    }
    return {};
}

} // namespace detail

namespace {

// Why an entry of this kind may not be in a toolchain at all; empty when it may.
std::string kind_problem(const ArchiveEntryInfo& entry) {
    switch (entry.kind) {
    case EntryKind::file:
    case EntryKind::directory:
    case EntryKind::symlink:
        return {};
    case EntryKind::hardlink:
        return "a hard link (to " + quoted(entry.link_target) + ")";
    default:
        return std::string(describe(entry.kind));
    }
}

// The path's components with "" and "." dropped; the first must be go. Empty result: refused,
// with the reason in `problem`.
std::vector<std::string_view> clean_components(std::string_view path, std::string& problem) {
    if (path.empty()) {
        problem = "an empty path";
        return {};
    }
    if (path.front() == '/') {
        problem = "an absolute path";
        return {};
    }
    std::vector<std::string_view> parts;
    for (auto part : split_path(path)) {
        if (part.empty() || part == ".") {
            continue;
        }
        if (part == "..") {
            problem = "a \"..\" component";
            return {};
        }
        parts.push_back(part);
    }
    if (parts.empty() || parts.front() != "go") {
        problem = "not under go/";
        return {};
    }
    return parts;
}

} // namespace

// Every parent must be a directory (or not exist yet: created as a directory); nothing is ever
// written through a symlink. Returns the entry's path below go/, or the reason it is refused.
Result<std::string> EntryFilter::place(const ArchiveEntryInfo& entry,
                                       const std::vector<std::string_view>& parts) {
    std::string prefix;
    for (std::size_t i = 1; i + 1 < parts.size(); ++i) {
        if (!prefix.empty()) {
            prefix += '/';
        }
        prefix += parts[i];
        auto [it, inserted] = seen_.try_emplace(prefix, EntryKind::directory);
        if (!inserted && it->second != EntryKind::directory) {
            return refuse(entry,
                          "its parent go/" + prefix + " is " + std::string(describe(it->second)));
        }
    }
    return prefix.empty() ? std::string(parts.back()) : prefix + "/" + std::string(parts.back());
}

Status EntryFilter::count_bytes(const ArchiveEntryInfo& entry) {
    if (entry.size > limits_.max_total_bytes ||
        total_bytes_ + entry.size > limits_.max_total_bytes) {
        return refuse(entry,
                      "declares " + std::to_string(entry.size) + " bytes, past the limit of " +
                          std::to_string(limits_.max_total_bytes) + " bytes for a whole toolchain");
    }
    total_bytes_ += entry.size;
    return {};
}

Result<AcceptedEntry> EntryFilter::check(const ArchiveEntryInfo& entry) {
    if (++entries_ > limits_.max_entries) {
        return refuse(entry, "more than " + std::to_string(limits_.max_entries) +
                                 " entries, the limit for a toolchain");
    }
    std::string problem = kind_problem(entry);
    const auto parts =
        problem.empty() ? clean_components(entry.path, problem) : std::vector<std::string_view>{};
    if (!problem.empty()) {
        return refuse(entry, problem);
    }
    AcceptedEntry out;
    out.kind = entry.kind;
    out.mode = masked_mode(entry.kind, entry.mode);
    if (parts.size() == 1) {
        if (entry.kind != EntryKind::directory) {
            return refuse(entry, "go itself must be a directory, not " +
                                     std::string(describe(entry.kind)));
        }
        return out;
    }
    auto relative = place(entry, parts);
    if (!relative) {
        return tl::unexpected(relative.error());
    }
    out.relative = std::move(*relative);
    if (entry.kind == EntryKind::symlink) {
        if (auto bad = detail::symlink_target_problem(out.relative, entry.link_target);
            !bad.empty()) {
            return refuse(entry, bad);
        }
        out.link_target = entry.link_target;
    }
    if (entry.kind == EntryKind::file) {
        if (auto ok = count_bytes(entry); !ok) {
            return tl::unexpected(ok.error());
        }
    }
    auto [it, inserted] = seen_.try_emplace(out.relative, entry.kind);
    // A repeated directory or file is harmless (tar semantics: the last one wins); anything else
    // would swap a directory for a symlink or write through one.
    if (!inserted && (it->second != entry.kind || entry.kind == EntryKind::symlink)) {
        return refuse(entry, "replaces " + std::string(describe(it->second)) + " with " +
                                 std::string(describe(entry.kind)));
    }
    return out;
}

} // namespace gover
