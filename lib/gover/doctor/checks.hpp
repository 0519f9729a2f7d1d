#pragma once
// The check families. Each reads the shared facts and appends its findings; none of them
// changes anything. One file per family: check_<family>.cpp, and one row in k_check_families
// below (doctor runs them in that order). A new check is a function in its family's file, or a
// new file and a new row.

#include <string>
#include <vector>

#include "core/selection.hpp"
#include "gover/doctor/facts.hpp"
#include "gover/doctor/finding.hpp"

namespace gover::doctor {

// go-arch, platform-install, gobin-arch, macos-version: what the binaries were built for.
void check_binaries(const Facts& facts, Findings& out);
// tool-old-go: gopls, dlv and the like in GOBIN built by a Go older than the selected series.
void check_tools(const Facts& facts, Findings& out);
// rosetta, homebrew-intel: translated processes on Apple Silicon.
void check_rosetta(const Facts& facts, Findings& out);
// path-shadow, shims-path, gover-path: the order of PATH and the gover binaries on it.
void check_path(const Facts& facts, Findings& out);
// env-goroot, env-gotoolchain, env-goflags, env-cgo-enabled, env-goos-goarch: exported variables.
void check_environment(const Facts& facts, Findings& out);
// go-env-file: what `go env -w` persisted.
void check_go_env_file(const Facts& facts, Findings& out);
// startup-goroot, startup-path, startup-path-reset, init-missing, init-not-read.
void check_startup(const Facts& facts, Findings& out);
// pin-missing, pin-invalid, pin-none, module-toolchain: version selection.
void check_selection(const Facts& facts, Findings& out);
// store-changed, store-foreign, store-leftovers: versions/, meta/ and tmp/.
void check_store(const Facts& facts, Findings& out);
// shims: missing, dangling or stale shims and bin/gover-shim.
void check_shims(const Facts& facts, Findings& out);
// probe: what `go env GOVERSION GOROOT GOARCH` really says through PATH.
void check_probe(const Facts& facts, Findings& out);
// cgo-compiler: a C compiler for cgo, and its target.
void check_cgo(const Facts& facts, Findings& out);
// vscode: go.goroot and go.alternateTools in VS Code settings.
void check_vscode(const Facts& facts, Findings& out);

using CheckFamily = void (*)(const Facts& facts, Findings& out);

// Roughly from "nothing works" to "worth knowing"; the CLI groups by severity anyway.
inline constexpr CheckFamily k_check_families[] = {
    check_selection,   check_probe,       check_rosetta, check_binaries, check_tools,
    check_environment, check_go_env_file, check_path,    check_shims,    check_store,
    check_startup,     check_cgo,         check_vscode,
};

// Shared wording helpers.
Finding make_finding(std::string check, Severity severity, std::string subject, std::string message,
                     std::string fix);
// `unset NAME` or, when $SHELL is fish, `set -e NAME`.
std::string unset_command(const Facts& facts, const std::string& names);
// "delete the line that sets it (<path>:<line>: `text`)" for each line, or a generic request
// to remove it from the shell startup file when no startup file sets it.
std::string delete_lines_text(const std::vector<StartupLine>& lines, const std::string& what);
// The line that loads gover in `shell` (zsh when unknown): eval "$(gover init zsh)".
std::string init_line_for(const Facts& facts, const std::string& shell);
// The startup file that line belongs in for `shell`: ~/.zshrc, ~/.bashrc (~/.bash_profile on
// macOS, whose terminals start login shells), ~/.config/fish/config.fish.
std::filesystem::path rc_file_for(const Facts& facts, const std::string& shell);
// The login shell's name from $SHELL: "zsh", "bash", "fish", ... ("" when unset).
std::string login_shell(const Facts& facts);

} // namespace gover::doctor
