#pragma once
// The safety rules for toolchain archives (README "How it works"), as a pure function over entry
// headers so they can be tested and fuzzed without touching a file system. Every entry must lie
// under go/ (which is stripped); no "..", absolute paths, hard links, devices, FIFOs or sockets;
// symlinks only when their target stays inside the tree; nothing may be written through a symlink
// or replace an entry of another kind; total size and entry count are capped. Modes become 0755 or
// 0644 (setuid, setgid and sticky are dropped, not refused).

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"

namespace gover {

enum class EntryKind {
    file,
    directory,
    symlink,
    hardlink,
    char_device,
    block_device,
    fifo,
    socket,
    unknown,
};

// "a regular file", "a FIFO", ... for messages.
std::string_view describe(EntryKind kind);

// What an archive header says about one entry.
struct ArchiveEntryInfo {
    std::string path; // as written in the archive
    EntryKind kind = EntryKind::file;
    std::string link_target; // symlink or hard link target
    std::uint64_t size = 0;  // declared size of a file's data
    unsigned mode = 0644;    // permission bits as written (may include setuid etc.)
};

struct ArchiveLimits {
    std::uint64_t max_total_bytes = 3ull << 30; // Go's biggest archives unpack to ~0.5 GiB
    std::uint64_t max_entries = 100'000;        // and hold ~20,000 entries
};

// An entry that may be written: its path relative to the toolchain root (go/ stripped, no "."
// or empty components) and the mode to give it.
struct AcceptedEntry {
    std::string relative; // empty for go/ itself
    EntryKind kind = EntryKind::file;
    unsigned mode = 0644;
    std::string link_target; // symlinks only, as written
    bool is_root() const { return relative.empty(); }
};

// Checks entries in archive order, remembering what earlier ones created. The first error is
// final: the caller must abort the whole extraction.
class EntryFilter {
  public:
    explicit EntryFilter(ArchiveLimits limits = {}) : limits_(limits) {}

    // ErrorCode::archive with a message naming the entry and the rule it breaks.
    Result<AcceptedEntry> check(const ArchiveEntryInfo& entry);

    std::uint64_t total_bytes() const { return total_bytes_; }
    std::uint64_t entries() const { return entries_; }

  private:
    Result<std::string> place(const ArchiveEntryInfo& entry,
                              const std::vector<std::string_view>& parts);
    Status count_bytes(const ArchiveEntryInfo& entry);

    ArchiveLimits limits_;
    std::uint64_t total_bytes_ = 0;
    std::uint64_t entries_ = 0;
    // Every path created so far (explicitly or as a parent) and its kind.
    std::unordered_map<std::string, EntryKind> seen_;
};

namespace detail {
// Whether a symlink at `relative` (inside the root) whose target is `target` resolves inside the
// root whatever the other entries are: not absolute, ".." only as leading components and no more
// of them than the link's depth. Empty on success, else the reason.
std::string symlink_target_problem(std::string_view relative, std::string_view target);
} // namespace detail

} // namespace gover
