#pragma once
// A model file system holding only entries that EntryFilter accepted, resolving paths the way
// the kernel would (symlinks followed, ".." applied to where a symlink led). The property tests
// and the fuzz target use it to check that nothing accepted can lead outside the root.

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "gover/archive/archive_filter.hpp"

namespace gover::test {

// A file system made only of accepted entries; resolves paths physically (symlinks followed,
// ".." applied to where a symlink led), as the kernel would.
class SimulatedTree {
  public:
    void add(const AcceptedEntry& entry) {
        std::string prefix;
        auto parts = split(entry.relative);
        for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
            prefix += (prefix.empty() ? "" : "/") + parts[i];
            nodes_.try_emplace(prefix, Node{EntryKind::directory, ""});
        }
        nodes_[entry.relative] = Node{entry.kind, entry.link_target};
    }

    // False when resolving `target` from the directory `from` (components) leaves the root.
    bool stays_inside(std::vector<std::string> from, const std::string& target, int depth = 0) {
        if (depth > 40) {
            return true; // a loop: ELOOP, never an escape
        }
        if (!target.empty() && target.front() == '/') {
            return false;
        }
        for (const auto& part : split(target)) {
            if (part == "..") {
                if (from.empty()) {
                    return false;
                }
                from.pop_back();
                continue;
            }
            from.push_back(part);
            auto it = nodes_.find(join(from));
            if (it != nodes_.end() && it->second.kind == EntryKind::symlink) {
                from.pop_back();
                std::vector<std::string> resolved;
                if (!stays_inside_into(from, it->second.target, depth + 1, resolved)) {
                    return false;
                }
                from = resolved;
            }
        }
        return true;
    }

    std::map<std::string, std::pair<EntryKind, std::string>> symlinks() const {
        std::map<std::string, std::pair<EntryKind, std::string>> out;
        for (const auto& [path, node] : nodes_) {
            if (node.kind == EntryKind::symlink) {
                out[path] = {node.kind, node.target};
            }
        }
        return out;
    }

    static std::vector<std::string> split(const std::string& path) {
        std::vector<std::string> out;
        std::stringstream in(path);
        std::string part;
        while (std::getline(in, part, '/')) {
            if (!part.empty() && part != ".") {
                out.push_back(part);
            }
        }
        return out;
    }

  private:
    struct Node {
        EntryKind kind;
        std::string target;
    };
    static std::string join(const std::vector<std::string>& parts) {
        std::string out;
        for (const auto& p : parts) {
            out += (out.empty() ? "" : "/") + p;
        }
        return out;
    }
    bool stays_inside_into(std::vector<std::string> from, const std::string& target, int depth,
                           std::vector<std::string>& resolved) {
        if (!target.empty() && target.front() == '/') {
            return false;
        }
        for (const auto& part : split(target)) {
            if (part == "..") {
                if (from.empty()) {
                    return false;
                }
                from.pop_back();
                continue;
            }
            from.push_back(part);
            auto it = nodes_.find(join(from));
            if (it != nodes_.end() && it->second.kind == EntryKind::symlink && depth < 40) {
                from.pop_back();
                std::vector<std::string> inner;
                if (!stays_inside_into(from, it->second.target, depth + 1, inner)) {
                    return false;
                }
                from = inner;
            }
        }
        resolved = from;
        return true;
    }

    std::map<std::string, Node> nodes_;
};

} // namespace gover::test
