// The store: versions whose files changed since install (against the manifest recorded in
// meta/<v>.json), versions imported without verification, entries in versions/ that are not
// complete toolchains gover installed, and what interrupted runs left in tmp/.
#include "core/selection.hpp"
#include "core/version.hpp"
#include "gover/doctor/checks.hpp"

namespace gover::doctor {
namespace {

constexpr std::size_t k_max_changes_listed = 5;

// A recorded version whose files no longer match the record (or whose record cannot be used).
Finding changed_finding(const std::filesystem::path& dir, const std::string& name,
                        const GoVersion& version, const StoreRecord& record) {
    std::string what = record.problem;
    if (what.empty()) {
        what = std::to_string(record.changed.size()) +
               " file(s) changed or disappeared since install: ";
        for (std::size_t i = 0; i < record.changed.size() && i < k_max_changes_listed; ++i) {
            what += (i > 0 ? ", " : "") + record.changed[i];
        }
        if (record.changed.size() > k_max_changes_listed) {
            what += ", ...";
        }
    }
    std::string fix = "gover install --force " + install_spec(version);
    if (record.platform_override && record.platform) {
        fix += " --platform " + record.platform->str();
    }
    Finding f = make_finding("store-changed", Severity::error, dir.string(),
                             "Go " + name + " is not what was verified at install (" + what +
                                 "): a modified toolchain can fail in odd ways or build "
                                 "something other than what you wrote",
                             fix);
    f.repair.kind = Repair::Kind::reinstall;
    f.repair.request = VersionRequest{VersionRequest::Kind::exact, version};
    if (record.platform_override) {
        f.repair.platform = record.platform;
    }
    return f;
}

void check_version(const Facts& facts, const std::string& name, Findings& out) {
    const auto dir = facts.layout.versions_dir() / name;
    const FileInfo link = facts.sys->lstat(dir);
    if (link.type == FileInfo::Type::symlink) {
        const auto target = facts.sys->read_link(dir);
        out.push_back(make_finding(
            "store-foreign", Severity::warning, dir.string(),
            dir.string() + " is a link" + (target ? " to " + target->string() : std::string()) +
                ", not a toolchain gover installed: gover cannot verify it, and it changes "
                "whenever its target does",
            "rm " + shell_quote(dir.string()) + " (the toolchain it points at stays)"));
        return;
    }
    auto version = GoVersion::parse(name);
    if (!version || version->str() != name) {
        out.push_back(make_finding(
            "store-foreign", Severity::warning, dir.string(),
            dir.string() + " is not a version gover installed (gover names them like 1.22.5): "
                           "gover ignores it, and tools that look in versions/ may not",
            "move it out of " + facts.layout.versions_dir().string() + " or delete it: rm -rf " +
                shell_quote(dir.string())));
        return;
    }
    const StoreRecord& record = facts.record(*version);
    const FileInfo go = facts.sys->stat(dir / "bin" / "go");
    if (!go.is_file()) {
        Finding f =
            make_finding("store-foreign", Severity::warning, dir.string(),
                         dir.string() + " is not a complete toolchain (no bin/go)" +
                             (record.recorded ? ": what is left of Go " + name + " after a removal"
                                              : std::string(", and gover did not install it")) +
                             "; gover treats " + name + " as not installed",
                         record.recorded ? "gover doctor --fix (removes it and its record)"
                                         : "rm -rf " + shell_quote(dir.string()));
        if (record.recorded) {
            f.repair.kind = Repair::Kind::remove;
            f.repair.paths = {dir, facts.layout.meta_file(*version)};
        }
        out.push_back(std::move(f));
        return;
    }
    if (!record.recorded && record.problem.empty()) {
        out.push_back(make_finding(
            "store-foreign", Severity::warning, dir.string(),
            "Go " + name + " in " + dir.string() + " was not installed by gover (no " +
                facts.layout.meta_file(*version).string() +
                "): nothing records what it should contain, so changes to it go unnoticed",
            "gover uninstall " + name + " && gover install " + install_spec(*version)));
        return;
    }
    if (record.unverified_import) {
        out.push_back(make_finding(
            "store-unverified", Severity::info, dir.string(),
            "Go " + name + " was imported from " + record.unverified_import->string() +
                " without verification (gover import): nothing proves it is the toolchain Go "
                "published; installing it again replaces it with a verified download",
            "gover install --force " + install_spec(*version)));
    }
    if (!record.problem.empty() || !record.changed.empty()) {
        out.push_back(changed_finding(dir, name, *version, record));
    }
}

void check_leftovers(const Facts& facts, Findings& out) {
    const auto stale = facts.sys->stale_leftovers(facts.layout);
    if (stale.empty()) {
        return;
    }
    std::string names;
    for (std::size_t i = 0; i < stale.size() && i < k_max_changes_listed; ++i) {
        names += (i > 0 ? ", " : "") + stale[i].filename().string();
    }
    if (stale.size() > k_max_changes_listed) {
        names += ", ...";
    }
    Finding f = make_finding(
        "store-leftovers", Severity::info, facts.layout.tmp_dir().string(),
        std::to_string(stale.size()) + " leftover(s) of interrupted gover runs in " +
            facts.layout.tmp_dir().string() + " (" + names +
            "): half-made installs and half-removed versions that only take disk space",
        "gover doctor --fix");
    f.repair.kind = Repair::Kind::clean_leftovers;
    out.push_back(std::move(f));
}

} // namespace

void check_store(const Facts& facts, Findings& out) {
    if (auto names = facts.sys->list_dir(facts.layout.versions_dir())) {
        for (const auto& name : *names) {
            if (!name.empty() && name[0] != '.') { // dot-entries: gover's, and .DS_Store
                check_version(facts, name, out);
            }
        }
    }
    check_leftovers(facts, out);
}

} // namespace gover::doctor
