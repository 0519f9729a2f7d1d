// The probe: `go env GOVERSION GOROOT GOARCH` run through PATH as the user would, compared with
// the selection. It catches what the static checks cannot see: a toolchain switch, a broken
// toolchain, a wrapper script.
#include "gover/binary/binary_arch.hpp"
#include "gover/doctor/checks.hpp"

namespace gover::doctor {
namespace {

// go env is quick; a cold disk or a first run under Rosetta can take seconds, not this long.
constexpr std::chrono::seconds k_probe_timeout{20};
constexpr const char* k_probe = "`go env GOVERSION GOROOT GOARCH`";

std::string first_line(const std::string& text) {
    const auto nl = text.find('\n');
    return text.substr(0, nl == std::string::npos ? text.size() : nl);
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < text.size()) {
        auto nl = text.find('\n', at);
        if (nl == std::string::npos) {
            nl = text.size();
        }
        std::string line = text.substr(at, nl - at);
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        out.push_back(line);
        at = nl + 1;
    }
    return out;
}

bool same_path(const Facts& facts, const std::string& a, const std::filesystem::path& b) {
    if (std::filesystem::path(a).lexically_normal() == b.lexically_normal()) {
        return true;
    }
    const auto ca = facts.sys->canonical(a);
    const auto cb = facts.sys->canonical(b);
    return ca && cb && *ca == *cb;
}

std::string mismatch_fix(const Facts& facts) {
    const auto gos = facts.find_on_path("go");
    if (!gos.empty() && !facts.is_shims_dir(facts.path[gos.front().index])) {
        return "take " + facts.path[gos.front().index].string() + " off PATH, or make `" +
               init_line_for(facts, login_shell(facts)) +
               "` the last PATH edit in your startup file (" + gos.front().file.string() +
               " runs first now)";
    }
    if (auto t = facts.go_setting("GOTOOLCHAIN");
        t && *t != "local" && *t != "path" && *t != "local+path") {
        return facts.sys->env("GOTOOLCHAIN").value_or("").empty()
                   ? "run `go env -u GOTOOLCHAIN` (GOTOOLCHAIN=" + *t + " switches toolchains)"
                   : "run `" + unset_command(facts, "GOTOOLCHAIN") + "` (GOTOOLCHAIN=" + *t +
                         " switches toolchains) and remove it from your startup file";
    }
    return "run `gover doctor --fix`, then compare `gover which go` with `go env GOROOT`";
}

// Why the probe did not answer, for a probe that failed to start, timed out or exited non-zero.
std::string probe_failure(const CommandResult& r) {
    if (!r.started) {
        return "no go could be started from PATH";
    }
    if (r.timed_out) {
        return std::string(k_probe) + " did not finish within " +
               std::to_string(k_probe_timeout.count()) + " seconds";
    }
    return std::string(k_probe) + " failed with exit status " + std::to_string(r.exit_code) +
           (r.err.empty() ? std::string() : ": " + first_line(r.err));
}

// What the probe's answer gets wrong about a store version: GOVERSION (the selected version, or
// one Go may switch to for the module), GOROOT (that version's directory) and GOARCH.
std::vector<std::string> store_mismatches(const Facts& facts, const std::string& goversion,
                                          const std::string& goroot, const std::string& goarch) {
    const SelectionFacts& s = facts.selection;
    std::vector<std::string> wrong;
    std::vector<GoVersion> allowed{*s.version};
    if (facts.module && *s.version < facts.module->requirement.minimum) {
        // Go switches to gover's go1.X.Y for a module that needs it (README "Which version
        // runs").
        for (const auto& v : facts.installed) {
            if (!(v < facts.module->requirement.minimum)) {
                allowed.push_back(v);
            }
        }
    }
    auto ran = GoVersion::parse_toolchain(goversion);
    std::optional<GoVersion> matched;
    for (const auto& v : allowed) {
        if (ran && *ran == v) {
            matched = v;
        }
    }
    if (!matched) {
        wrong.push_back("GOVERSION is " + (goversion.empty() ? "empty" : goversion));
    }
    const auto root = facts.layout.version_dir(matched.value_or(*s.version));
    if (!same_path(facts, goroot, root)) {
        wrong.push_back("GOROOT is " + (goroot.empty() ? "empty" : goroot) + ", not " +
                        root.string());
    }
    std::string arch = goarch_of(facts.platform);
    if (auto set = facts.go_setting("GOARCH")) {
        arch = *set;
    } else if (const StoreRecord& record = facts.record(matched.value_or(*s.version));
               record.platform) {
        arch = goarch_of(*record.platform);
    }
    if (goarch != arch) {
        wrong.push_back("GOARCH is " + (goarch.empty() ? "empty" : goarch) + ", not " + arch);
    }
    return wrong;
}

} // namespace

void check_probe(const Facts& facts, Findings& out) {
    const SelectionFacts& s = facts.selection;
    const bool store = s.state == SelectionFacts::State::selected && s.version;
    if (!store && s.state != SelectionFacts::State::system) {
        return; // nothing runs by design; check_selection says why
    }
    const CommandResult r =
        facts.sys->run({"go", "env", "GOVERSION", "GOROOT", "GOARCH"}, {}, k_probe_timeout);
    const std::string expected = store ? "Go " + s.version->str() + " (" + s.source + ")"
                                       : std::string("the system go (" + s.source + ")");
    if (!r.started || r.timed_out || r.exit_code != 0) {
        out.push_back(make_finding(
            "probe", Severity::error, "go",
            probe_failure(r) + ", although gover selects " + expected +
                ": typing go in this shell does not work",
            facts.shims_at
                ? mismatch_fix(facts)
                : "add `" + init_line_for(facts, login_shell(facts)) + "` to " +
                      rc_file_for(facts, login_shell(facts)).string() + " and open a new shell"));
        return;
    }
    const auto lines = lines_of(r.out);
    const std::string goversion = !lines.empty() ? lines[0].substr(0, lines[0].find(' ')) : "";
    const std::string goroot = lines.size() > 1 ? lines[1] : "";
    const std::string goarch = lines.size() > 2 ? lines[2] : "";

    std::vector<std::string> wrong;
    if (store) {
        wrong = store_mismatches(facts, goversion, goroot, goarch);
    } else if (const auto root = facts.selected_root(); root && !same_path(facts, goroot, *root)) {
        wrong.push_back("GOROOT is " + goroot + ", not " + root->string());
    }
    if (wrong.empty()) {
        return;
    }
    std::string list;
    for (std::size_t i = 0; i < wrong.size(); ++i) {
        list += (i > 0 ? "; " : "") + wrong[i];
    }
    out.push_back(make_finding("probe", Severity::error, "go",
                               std::string(k_probe) +
                                   " run through PATH disagrees with the selection, " + expected +
                                   ": " + list + ". Another toolchain really runs when you type go",
                               mismatch_fix(facts)));
}

} // namespace gover::doctor
