// Go analysis tools (gopls, dlv, staticcheck, golangci-lint, govulncheck) in GOBIN built by a Go
// older than the selected version's series: they are compiled against an older go/parser and
// go/types, so they reject or mis-read code that uses newer language features and standard
// library. Recognised by the main package in the build information each program carries.
#include <array>
#include <string_view>

#include "core/gobin.hpp"
#include "gover/doctor/checks.hpp"
#include "gover/doctor/go_buildinfo.hpp"

namespace gover::doctor {
namespace {

// GOBIN can hold hundreds of programs; only this many are read.
constexpr std::size_t k_max_tool_files = 2000;

// The modules of the tools that analyse Go code (a package path equal to one or below it).
constexpr std::array<std::string_view, 5> k_analysis_modules = {
    "golang.org/x/tools/gopls",          "github.com/go-delve/delve", "honnef.co/go/tools",
    "github.com/golangci/golangci-lint", "golang.org/x/vuln",
};

bool analyses_go(std::string_view package) {
    for (const auto module : k_analysis_modules) {
        if (package == module ||
            (package.starts_with(module) && package.substr(module.size()).starts_with('/'))) {
            return true;
        }
    }
    return false;
}

// The series a program's Go belongs to is older than `selected`'s: go1.21.9 vs 1.22.0.
bool older_series(const std::string& built_by, const GoVersion& selected) {
    const std::string first = built_by.substr(0, built_by.find(' ')); // "go1.22.5 X:boringcrypto"
    auto version = GoVersion::parse_toolchain(first);
    return version && !version->same_series(selected) && *version < selected;
}

} // namespace

void check_tools(const Facts& facts, Findings& out) {
    const auto& selection = facts.selection;
    if (!selection.version || (selection.state != SelectionFacts::State::selected &&
                               selection.state != SelectionFacts::State::not_installed)) {
        return;
    }
    const GoVersion& selected = *selection.version;
    const EnvLookup env = [&facts](const char* name) { return facts.sys->env(name); };
    const auto dir = gobin_dir(env, facts.platform.os == "darwin");
    const auto names = dir.empty() ? std::nullopt : facts.sys->list_dir(dir);
    if (!names) {
        return;
    }
    std::size_t looked = 0;
    for (const auto& name : *names) {
        if (++looked > k_max_tool_files) {
            break;
        }
        const auto file = dir / name;
        const FileInfo st = facts.sys->stat(file);
        if (!st.is_file() || !st.executable) {
            continue;
        }
        const auto info = read_go_buildinfo(*facts.sys, file);
        if (!info || !analyses_go(info->path) || !older_series(info->go_version, selected)) {
            continue;
        }
        out.push_back(make_finding(
            "tool-old-go", Severity::warning, file.string(),
            file.string() + " (" + info->path + ") was built by " + info->go_version +
                ", older than the selected Go " + selected.str() +
                ": it rejects or mis-reads code that uses newer Go",
            "rebuild it with Go " + selected.str() + ": `go install " + info->path + "@latest`"));
    }
}

} // namespace gover::doctor
