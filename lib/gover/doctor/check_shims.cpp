// The shims (README "How it works"): go, gofmt, every tool in an installed bin/ and go1.X.Y per
// version, all links to bin/gover-shim, which must match the shim this gover ships; and bin/gover,
// the link the shim copy runs for GOVER_AUTO_INSTALL=1, which must reach a file.
#include <set>

#include "gover/doctor/checks.hpp"
#include "gover/store/shim_links.hpp"

namespace gover::doctor {
namespace {

// The shim is a small static program; anything bigger is not one.
constexpr std::size_t k_max_shim_size = 64u << 20;
constexpr std::size_t k_max_names_listed = 8;

std::string list(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < k_max_names_listed; ++i) {
        out += (i > 0 ? ", " : "") + names[i];
    }
    if (names.size() > k_max_names_listed) {
        out += " and " + std::to_string(names.size() - k_max_names_listed) + " more";
    }
    return out;
}

Finding shim_finding(std::string subject, std::string message) {
    Finding f = make_finding("shims", Severity::warning, std::move(subject), std::move(message),
                             "gover doctor --fix (regenerates the shims)");
    f.repair.kind = Repair::Kind::refresh_shims;
    return f;
}

bool same_file(const FileInfo& a, const FileInfo& b) {
    return a.exists() && b.exists() && a.device == b.device && a.inode == b.inode;
}

void check_copy(const Facts& facts, Findings& out) {
    const auto copy = facts.layout.shim_copy();
    const FileInfo have = facts.sys->stat(copy);
    if (!have.is_file()) {
        out.push_back(shim_finding(
            copy.string(), copy.string() + " is missing: every shim links to it, so go and the "
                                           "other tools fail to start through the shims"));
        return;
    }
    const auto shipped = facts.sys->installed_shim();
    if (!shipped) {
        return;
    }
    const FileInfo want = facts.sys->stat(*shipped);
    if (!want.is_file() || same_file(have, want)) {
        return;
    }
    bool differs = have.size != want.size;
    if (!differs) {
        const auto a = facts.sys->read(copy, 0, k_max_shim_size);
        const auto b = facts.sys->read(*shipped, 0, k_max_shim_size);
        differs = a && b && *a != *b;
    }
    if (differs) {
        out.push_back(shim_finding(copy.string(),
                                   copy.string() + " differs from the shim this gover ships (" +
                                       shipped->string() +
                                       "): the shims run an older shim, which may select versions "
                                       "differently from `gover current`"));
    }
}

// bin/gover is what the shim copy runs for GOVER_AUTO_INSTALL=1; a link that reaches no file
// (dangling, or a loop such as a link to itself) makes it fall back to PATH, where an IDE or CI
// may have no gover at all.
void check_gover_link(const Facts& facts, Findings& out) {
    const auto link = facts.layout.gover_link();
    if (facts.sys->lstat(link).type != FileInfo::Type::symlink || facts.sys->stat(link).exists()) {
        return;
    }
    const auto target = facts.sys->read_link(link);
    const std::string names = target ? " -> " + target->string() : "";
    Finding f = make_finding(
        "shims", Severity::warning, link.string(),
        link.string() + names +
            " points at nothing (a missing file or a loop of links): GOVER_AUTO_INSTALL=1 "
            "cannot run the gover that refreshed the shims and falls back to a gover on PATH",
        "gover doctor --fix (points it at this gover)");
    f.repair.kind = Repair::Kind::refresh_shims;
    out.push_back(std::move(f));
}

} // namespace

void check_shims(const Facts& facts, Findings& out) {
    check_gover_link(facts, out);
    if (facts.installed.empty()) {
        return;
    }
    // The names refresh_shims keeps, by the same rule, seen through the System.
    const BinDirView view{
        [&facts](const std::filesystem::path& bin) { return facts.sys->list_dir(bin); },
        [&facts](const std::filesystem::path& file) { return facts.sys->stat(file).is_file(); }};
    const std::set<std::string> expected = wanted_shim_names(facts.layout, facts.installed, view);
    const auto dir = facts.layout.shims_dir();
    const FileInfo shim = facts.sys->stat(facts.layout.shim_copy());
    std::set<std::string> present;
    std::vector<std::string> broken;
    if (auto names = facts.sys->list_dir(dir)) {
        for (const auto& name : *names) {
            if (name.empty() || name[0] == '.') {
                continue;
            }
            const bool link = facts.sys->lstat(dir / name).type == FileInfo::Type::symlink;
            const bool wanted = expected.count(name) != 0;
            if (!link && !wanted) {
                continue; // not a shim gover made: not gover's to judge
            }
            present.insert(name);
            const FileInfo st = facts.sys->stat(dir / name);
            if (!wanted || !st.exists() || (shim.exists() && !same_file(st, shim))) {
                broken.push_back(name);
            }
        }
    }
    std::vector<std::string> missing;
    for (const auto& name : expected) {
        if (present.count(name) == 0) {
            missing.push_back(name);
        }
    }
    if (!missing.empty()) {
        out.push_back(shim_finding(
            dir.string() + " missing",
            std::to_string(missing.size()) + " installed tool(s) have no shim in " + dir.string() +
                " (" + list(missing) +
                "): typing them runs another copy found on PATH, or nothing, instead of the "
                "selected version's"));
    }
    if (!broken.empty()) {
        out.push_back(shim_finding(dir.string() + " stale",
                                   std::to_string(broken.size()) + " shim(s) in " + dir.string() +
                                       " (" + list(broken) +
                                       ") point at nothing or at something other than " +
                                       facts.layout.shim_copy().string() +
                                       ": they fail, or run a tool no installed version has"));
    }
    check_copy(facts, out);
}

} // namespace gover::doctor
