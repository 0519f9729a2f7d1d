// Variables exported in gover's own environment, which every go the user runs inherits.

#include "gover/binary/binary_arch.hpp"
#include "gover/doctor/checks.hpp"

namespace gover::doctor {
namespace {

std::string remove_and_unset(const Facts& facts, const std::string& name) {
    return delete_lines_text(facts.startup_lines_setting(name), name) + ", then run `" +
           unset_command(facts, name) + "` in open shells";
}

void check_goroot(const Facts& facts, Findings& out) {
    const auto goroot = facts.sys->env("GOROOT");
    if (!goroot || goroot->empty()) {
        return;
    }
    const std::string fix = remove_and_unset(facts, "GOROOT") +
                            " (each go finds its own root; gover's shim sets it for the "
                            "toolchain it runs)";
    const std::filesystem::path root(*goroot);
    if (!facts.sys->stat(root).is_dir()) {
        out.push_back(make_finding(
            "env-goroot", Severity::error, "GOROOT",
            "GOROOT is exported as " + *goroot +
                ", which does not exist: any go started outside gover's shims (an IDE's, a "
                "script's, one run by its full path) fails with \"cannot find GOROOT "
                "directory\"",
            fix));
        return;
    }
    if (const auto selected = facts.selected_root()) {
        const auto a = facts.sys->canonical(root);
        const auto b = facts.sys->canonical(*selected);
        if (a && b && *a != *b) {
            out.push_back(make_finding(
                "env-goroot", Severity::error, "GOROOT",
                "GOROOT is exported as " + *goroot + " but the selected Go is " +
                    selected->string() +
                    ": tools that read GOROOT (gopls, go/packages, a go run by its full path) "
                    "mix one toolchain's standard library with another's compiler and fail "
                    "with errors like \"compile: version ... does not match go tool version\"",
                fix));
            return;
        }
    }
    out.push_back(make_finding(
        "env-goroot", Severity::warning, "GOROOT",
        "GOROOT is exported (" + *goroot +
            "): right today, but it ties every tool that reads it to this one toolchain, so "
            "after switching versions they silently keep using the old standard library",
        fix));
}

void check_gotoolchain(const Facts& facts, Findings& out) {
    const auto value = facts.sys->env("GOTOOLCHAIN");
    if (!value || value->empty() || *value == "local" || *value == "path" ||
        *value == "local+path") {
        return;
    }
    std::string why;
    if (*value == "auto" || value->ends_with("+auto")) {
        why = "when a go.mod or go.work asks for a newer Go than the selected one, go downloads "
              "that toolchain into the module cache and runs it instead of gover's, so gover's "
              "pins no longer decide which Go runs";
    } else if (value->starts_with("go1") || value->starts_with("go2")) {
        why = "every go command runs that toolchain instead of the one gover selects (and "
              "downloads it when it is not on PATH)";
    } else {
        why = "it is not a valid setting, so every go command stops with \"invalid "
              "GOTOOLCHAIN\"";
    }
    out.push_back(make_finding("env-gotoolchain", Severity::warning, "GOTOOLCHAIN",
                               "GOTOOLCHAIN=" + *value + " is exported: " + why,
                               remove_and_unset(facts, "GOTOOLCHAIN") +
                                   " (gover's shim sets GOTOOLCHAIN=path itself)"));
}

void check_goflags(const Facts& facts, Findings& out) {
    const auto value = facts.sys->env("GOFLAGS");
    if (!value || value->empty()) {
        return;
    }
    out.push_back(make_finding(
        "env-goflags", Severity::warning, "GOFLAGS",
        "GOFLAGS=" + *value +
            " is exported: these flags are added to every go command in every project, so "
            "flags meant for one project (-mod=vendor, -tags, -ldflags) break builds elsewhere "
            "and a flag an older Go does not know makes it refuse to run",
        remove_and_unset(facts, "GOFLAGS") + "; pass the flags per command or per project"));
}

void check_cgo_enabled(const Facts& facts, Findings& out) {
    const auto value = facts.sys->env("CGO_ENABLED");
    if (!value || value->empty()) {
        return;
    }
    const std::string why =
        *value == "0"
            ? "packages that need cgo (go-sqlite3, the system DNS resolver, os/user lookups) "
              "fail to build or behave differently, in every project"
            : "cross-compiling (another GOOS/GOARCH) then needs a C cross-compiler for that "
              "target, and every such build fails without one";
    out.push_back(make_finding("env-cgo-enabled", Severity::warning, "CGO_ENABLED",
                               "CGO_ENABLED=" + *value + " is exported: " + why,
                               remove_and_unset(facts, "CGO_ENABLED") +
                                   "; set it per command (CGO_ENABLED=0 go build) instead"));
}

void check_target(const Facts& facts, Findings& out) {
    const auto goos = facts.sys->env("GOOS");
    if (goos && !goos->empty() && *goos != facts.platform.os) {
        out.push_back(make_finding(
            "env-goos-goarch", Severity::warning, "GOOS",
            "GOOS=" + *goos + " is exported on a " + facts.platform.os +
                " machine: go run, go test and go install build programs this machine cannot "
                "run (\"exec format error\"), and cgo needs a cross-compiler",
            remove_and_unset(facts, "GOOS") + "; set it per command (GOOS=" + *goos +
                " go build) instead"));
    }
    const auto goarch = facts.sys->env("GOARCH");
    const std::string host_arch = goarch_of(facts.platform);
    if (goarch && !goarch->empty() && *goarch != host_arch) {
        out.push_back(make_finding(
            "env-goos-goarch", Severity::warning, "GOARCH",
            "GOARCH=" + *goarch + " is exported on a " + host_arch +
                " machine: go build and go install produce " + *goarch +
                " programs that run only under emulation (Rosetta) or not at all, go test "
                "and go run need that emulation, and cgo fails to link against the host's "
                "libraries",
            remove_and_unset(facts, "GOARCH") + "; set it per command (GOARCH=" + *goarch +
                " go build) instead"));
    }
}

} // namespace

void check_environment(const Facts& facts, Findings& out) {
    check_goroot(facts, out);
    check_gotoolchain(facts, out);
    check_goflags(facts, out);
    check_cgo_enabled(facts, out);
    check_target(facts, out);
}

} // namespace gover::doctor
