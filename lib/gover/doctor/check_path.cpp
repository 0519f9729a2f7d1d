// The order of PATH: gover's shims must come before any other go, and one gover is enough.
#include <set>

#include "gover/doctor/binary_reader.hpp"
#include "gover/doctor/checks.hpp"

namespace gover::doctor {
namespace {

// The startup lines that put `dir` on PATH.
std::vector<StartupLine> lines_adding(const Facts& facts, const std::filesystem::path& dir) {
    std::vector<StartupLine> out;
    const auto want = dir.lexically_normal();
    for (const auto& file : facts.startup) {
        for (std::size_t i = 0; i < file.lines.size(); ++i) {
            for (const auto& a : parse_assignments(file.lines[i], file.shell)) {
                if (a.name != "PATH") {
                    continue;
                }
                for (const auto& entry : path_entries(a, facts.home)) {
                    if (std::filesystem::path(entry).lexically_normal() == want) {
                        out.push_back(file.line(static_cast<int>(i + 1)));
                    }
                }
            }
        }
    }
    return out;
}

void check_shims_on_path(const Facts& facts, Findings& out) {
    if (facts.shims_at) {
        return;
    }
    const std::string shell = login_shell(facts);
    bool has_init = false;
    for (const auto& file : facts.startup) {
        has_init = has_init || file.init_line() != 0;
    }
    std::string fix;
    if (has_init) {
        fix = "open a new shell (a startup file runs `gover init`, but this shell's PATH lost "
              "the shims since: see the startup findings), or run `" +
              init_line_for(facts, shell) + "` here";
    } else {
        fix = "add `" + init_line_for(facts, shell) + "` at the end of " +
              rc_file_for(facts, shell).string() + " and open a new shell";
    }
    out.push_back(make_finding(
        "shims-path", Severity::warning, facts.layout.shims_dir().string(),
        "gover's shims (" + facts.layout.shims_dir().string() +
            ") are not on PATH: `go` runs whatever else PATH holds, or nothing, so the version "
            "gover selects is never used",
        fix));
}

void check_shadowing(const Facts& facts, Findings& out) {
    if (!facts.shims_at) {
        return;
    }
    std::set<std::string> tools{"go", "gofmt"};
    if (auto names = facts.sys->list_dir(facts.layout.shims_dir())) {
        tools.insert(names->begin(), names->end());
    }
    for (std::size_t i = 0; i < *facts.shims_at; ++i) {
        const auto& dir = facts.path[i];
        if (facts.is_shims_dir(dir)) {
            continue;
        }
        std::vector<std::string> found;
        for (const auto& tool : tools) {
            const FileInfo st = facts.sys->stat(dir / tool);
            if (st.is_file() && st.executable) {
                found.push_back(tool);
            }
        }
        if (found.empty()) {
            continue;
        }
        std::string names;
        for (std::size_t k = 0; k < found.size(); ++k) {
            names += (k > 0 ? (k + 1 == found.size() ? " and " : ", ") : "") + found[k];
        }
        const auto adding = lines_adding(facts, dir);
        std::string fix = "make `" + init_line_for(facts, login_shell(facts)) +
                          "` the last PATH edit in your startup file so the shims come first";
        if (!adding.empty()) {
            fix += " (" + dir.string() + " is added at " + adding.back().where() + ")";
        }
        fix += ", or take " + dir.string() + " off PATH";
        out.push_back(make_finding(
            "path-shadow", Severity::warning, dir.string(),
            names + " in " + dir.string() + (found.size() == 1 ? " comes" : " come") +
                " before gover's shims on PATH: typing " + (found.size() == 1 ? "it" : "them") +
                " runs that toolchain instead of the version gover selects, so pins and go.mod "
                "toolchain lines are ignored",
            fix));
    }
}

void check_gover_binaries(const Facts& facts, Findings& out) {
    std::vector<std::filesystem::path> govers;
    std::set<std::filesystem::path> seen;
    for (const auto& hit : facts.find_on_path("gover")) {
        const auto real = facts.sys->canonical(hit.file).value_or(hit.file);
        if (seen.insert(real).second) {
            govers.push_back(hit.file);
        }
    }
    if (govers.size() > 1) {
        std::string others;
        for (std::size_t i = 1; i < govers.size(); ++i) {
            others += (i > 1 ? ", " : "") + govers[i].string();
        }
        out.push_back(make_finding(
            "gover-path", Severity::warning, "gover",
            std::to_string(govers.size()) + " gover binaries are on PATH (" +
                govers.front().string() + " first, then " + others +
                "): the shims and the gover you type may be different versions, and upgrading "
                "one leaves the other behind",
            "keep " + govers.front().string() + " and uninstall or take off PATH: " + others));
    }
    for (const auto& file : govers) {
        auto info = read_binary(*facts.sys, file);
        if (!info || info->format == BinaryInfo::Format::other || info->slice_for(facts.platform)) {
            continue;
        }
        out.push_back(make_finding(
            "gover-path", Severity::warning, file.string(),
            file.string() + " is built for " + info->arch_list() + " but this machine is " +
                facts.platform.str() +
                ": it runs under emulation, and so does every go it starts through the shims",
            "install the " + facts.platform.str() + " build of gover in its place"));
    }
}

} // namespace

void check_path(const Facts& facts, Findings& out) {
    check_shims_on_path(facts, out);
    check_shadowing(facts, out);
    check_gover_binaries(facts, out);
}

} // namespace gover::doctor
