// Settings persisted by `go env -w`: invisible in the shell, applied to every go the user runs.
#include "gover/binary/binary_arch.hpp"
#include "gover/doctor/checks.hpp"

namespace gover::doctor {
namespace {

struct Rule {
    const char* name;
    Severity severity;
    const char* why;
};

// README "Troubleshooting": the target and root are errors, behaviour switches warnings, GOPROXY a
// note.
constexpr Rule k_rules[] = {
    {"GOROOT", Severity::error,
     "every go that is not handed GOROOT by gover's shim (an IDE's, a script's, one run by its "
     "full path) takes its standard library from there and fails with errors like \"compile: "
     "version ... does not match go tool version\" as soon as the toolchains differ"},
    {"GOOS", Severity::error,
     "every go command in every project builds for that OS unless told otherwise, so go run, "
     "go test and go install produce programs this machine may not run, and no shell shows why"},
    {"GOARCH", Severity::error,
     "every go command in every project builds for that architecture unless told otherwise, so "
     "programs may run only under emulation (Rosetta) or not at all, and cgo fails to link; no "
     "shell shows why"},
    {"GOTOOLCHAIN", Severity::warning,
     "it decides whether go runs or downloads another toolchain than the one gover selects, "
     "for every go not started through gover's shims"},
    {"GOFLAGS", Severity::warning,
     "the flags are added to every go command in every project, so flags meant for one "
     "project break builds elsewhere and a flag an older Go does not know makes it refuse to "
     "run"},
    {"CGO_ENABLED", Severity::warning,
     "it turns cgo on or off for every build in every project: with 0, packages that need cgo "
     "fail; with 1, cross-compiling needs a C cross-compiler"},
    {"GOPROXY", Severity::info,
     "every module download goes through it; builds fail while it is unreachable, and a "
     "private proxy set long ago is easy to forget"},
};

} // namespace

void check_go_env_file(const Facts& facts, Findings& out) {
    if (!facts.go_env.exists || !facts.go_env.path) {
        return;
    }
    for (const auto& rule : k_rules) {
        const GoEnvSetting* s = facts.go_env.find(rule.name);
        if (s == nullptr) {
            continue;
        }
        const std::string where = facts.go_env.path->string() + ":" + std::to_string(s->line);
        std::string message =
            "`go env -w` persisted " + s->name + "=" + s->value + " (" + where + "): " + rule.why;
        if (s->name == "GOARCH" && s->value == goarch_of(facts.platform)) {
            message += " (it matches this machine today, but follows the home directory to "
                       "machines and shells where it does not)";
        }
        Finding f =
            make_finding("go-env-file", rule.severity, s->name, std::move(message),
                         "run `go env -u " + s->name + "` (or delete line " +
                             std::to_string(s->line) + " of " + facts.go_env.path->string() + ")");
        if (rule.severity != Severity::info) {
            f.repair.kind = Repair::Kind::go_env_unset;
            f.repair.variable = s->name;
            f.repair.old_value = s->value;
        }
        out.push_back(std::move(f));
    }
}

} // namespace gover::doctor
