// The archive entry filter (archive_filter.hpp) decides what of a downloaded archive may be
// written. Property: anything it accepts resolves inside the toolchain root. A model file system
// replays the accepted entries: no entry is written through a symlink (every parent is a
// directory or new), and at the end every accepted path, followed through every symlink the
// archive made (a loop is fine, the kernel stops it), stays inside the root. Also: accepted
// paths are clean relative paths, modes are 0755/0644, and the limits hold.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gover/archive/archive_filter.hpp"

namespace {

using gover::EntryKind;

std::vector<std::string_view> components_by(std::string_view path, char separator) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start <= path.size()) {
        auto end = path.find(separator, start);
        if (end == std::string_view::npos) {
            end = path.size();
        }
        out.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

std::vector<std::string> components(std::string_view path) {
    std::vector<std::string> out;
    for (auto part : components_by(path, '/')) {
        out.emplace_back(part);
    }
    return out;
}

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& part : parts) {
        out += (out.empty() ? "" : "/") + part;
    }
    return out;
}

struct Node {
    EntryKind kind;
    std::string target;
};
using Model = std::map<std::string, Node>;

// Follows `path` (relative to the root) through the model's symlinks as the kernel would. False
// when it leaves the root; a symlink loop ends the walk (ELOOP), which is not an escape.
bool stays_inside(const Model& model, std::string_view path) {
    std::vector<std::string> at;
    std::deque<std::string> todo;
    for (auto& part : components(path)) {
        todo.push_back(part);
    }
    int hops = 0;
    while (!todo.empty()) {
        const std::string part = todo.front();
        todo.pop_front();
        if (part.empty() || part == ".") {
            continue;
        }
        if (part == "..") {
            if (at.empty()) {
                return false;
            }
            at.pop_back();
            continue;
        }
        at.push_back(part);
        auto it = model.find(join(at));
        if (it == model.end() || it->second.kind != EntryKind::symlink) {
            continue;
        }
        if (++hops > 40) {
            return true;
        }
        at.pop_back(); // the target is relative to the link's directory
        if (it->second.target.starts_with('/')) {
            return false;
        }
        auto target = components(it->second.target);
        todo.insert(todo.begin(), target.begin(), target.end());
    }
    return true;
}

EntryKind kind_of(std::string_view letter) {
    static constexpr std::pair<char, EntryKind> k_kinds[] = {
        {'f', EntryKind::file},     {'d', EntryKind::directory},   {'l', EntryKind::symlink},
        {'h', EntryKind::hardlink}, {'c', EntryKind::char_device}, {'b', EntryKind::block_device},
        {'p', EntryKind::fifo},     {'s', EntryKind::socket},
    };
    for (auto [c, kind] : k_kinds) {
        if (letter.size() == 1 && letter[0] == c) {
            return kind;
        }
    }
    return EntryKind::unknown;
}

std::uint64_t number(std::string_view text, int base, std::uint64_t fallback) {
    std::uint64_t value = 0;
    auto [_, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    return ec == std::errc() ? value : fallback;
}

// One entry a line, fields separated by tabs: kind letter (f d l h c b p s), path, link target,
// size, octal mode. A first line "limits<TAB>entries<TAB>bytes" sets small limits.
std::vector<std::string_view> fields(std::string_view line) {
    std::vector<std::string_view> out;
    for (auto& part : components_by(line, '\t')) {
        out.push_back(part);
    }
    out.resize(5);
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    std::vector<std::string_view> lines = components_by(text, '\n');
    gover::ArchiveLimits limits;
    if (!lines.empty() && lines.front().starts_with("limits\t")) {
        auto f = fields(lines.front());
        limits.max_entries = number(f[1], 10, limits.max_entries);
        limits.max_total_bytes = number(f[2], 10, limits.max_total_bytes);
        lines.erase(lines.begin());
    }
    gover::EntryFilter filter(limits);
    Model model;
    std::vector<std::string> accepted;
    std::uint64_t taken = 0;
    for (auto line : lines) {
        const auto f = fields(line);
        gover::ArchiveEntryInfo entry;
        entry.kind = kind_of(f[0]);
        entry.path = std::string(f[1]);
        entry.link_target = std::string(f[2]);
        entry.size = number(f[3], 10, 0);
        entry.mode = static_cast<unsigned>(number(f[4], 8, 0644));
        auto result = filter.check(entry);
        if (!result) {
            if (result.error().code != gover::ErrorCode::archive) {
                std::abort();
            }
            break; // the first refusal aborts the extraction
        }
        const auto& ok = *result;
        ++taken;
        if ((ok.mode != 0755 && ok.mode != 0644) ||
            (ok.kind != EntryKind::file && ok.kind != EntryKind::directory &&
             ok.kind != EntryKind::symlink) ||
            ok.kind != entry.kind) {
            std::abort();
        }
        if (ok.is_root()) {
            continue;
        }
        const auto parts = components(ok.relative);
        for (const auto& part : parts) {
            if (part.empty() || part == "." || part == "..") {
                std::abort();
            }
        }
        // Nothing is written through a symlink or below a file.
        for (std::size_t i = 1; i < parts.size(); ++i) {
            const std::vector<std::string> parent(parts.begin(), parts.begin() + i);
            auto it = model.find(join(parent));
            if (it != model.end() && it->second.kind != EntryKind::directory) {
                std::abort();
            }
            model.try_emplace(join(parent), Node{EntryKind::directory, {}});
        }
        // A directory never turns into something else, nor anything into a symlink over it.
        if (auto it = model.find(ok.relative);
            it != model.end() && (it->second.kind != ok.kind || ok.kind == EntryKind::symlink)) {
            std::abort();
        }
        model[ok.relative] = Node{ok.kind, ok.link_target};
        accepted.push_back(ok.relative);
    }
    if (taken > limits.max_entries || filter.total_bytes() > limits.max_total_bytes) {
        std::abort();
    }
    for (const auto& path : accepted) {
        if (!stays_inside(model, path)) {
            std::abort();
        }
    }
    return 0;
}
