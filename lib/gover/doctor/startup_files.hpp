#pragma once
// Shell startup files and just enough shell reading to find what doctor cares about: the
// `gover init` line, variables exported (GOROOT, GOTOOLCHAIN, ...) and PATH edits, in sh, bash,
// zsh and fish syntax. Files are read whatever $SHELL is (README "Troubleshooting").

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace gover::doctor {

class System;

enum class Shell { sh, bash, zsh, fish };

struct StartupLine {
    std::filesystem::path file;
    int number = 0;
    std::string text; // trimmed

    std::string where() const { return file.string() + ":" + std::to_string(number); }
};

struct StartupFile {
    std::filesystem::path path;
    Shell shell = Shell::sh;
    std::vector<std::string> lines; // as read, without line ends

    // The first line running `gover init` (1-based), or 0.
    int init_line() const;
    StartupLine line(int number) const;
};

// One variable set by a line: `export GOROOT=/x`, `set -gx PATH ...`, `path=(... $path)`,
// `fish_add_path /x` (as a PATH edit), `setenv GOROOT /x`.
struct ShellAssignment {
    std::string name;       // "PATH" also for zsh's path array and fish_user_paths
    std::string value;      // quotes removed
    bool exported = false;  // export, declare -x, set -x, setenv; PATH edits count as exported
    bool keeps_old = false; // refers to the old value ($PATH, +=, fish_add_path): not a reset
    bool array = false;     // the value is a word list (fish, zsh path=(...)), not a:b:c
};

// The startup files that exist, in the order the shells read them: zsh ($ZDOTDIR or ~):
// .zshenv .zprofile .zshrc .zlogin; bash: .bash_profile .bash_login .profile .bashrc;
// fish: conf.d/*.fish then config.fish under $XDG_CONFIG_HOME/fish or ~/.config/fish.
std::vector<StartupFile> read_startup_files(const System& sys, const std::filesystem::path& home);

// Whether a line runs `gover init` (eval "$(gover init zsh)", gover init fish | source, ...).
bool is_gover_init(std::string_view line);

// Whether a line starts another Go version manager that puts its own go first on PATH
// (goenv init, gvm).
bool starts_other_go_manager(std::string_view line);

// The variables a line sets, in the syntax of `shell`. Comments and commands are ignored;
// `GOOS=linux go build` sets nothing lasting.
std::vector<ShellAssignment> parse_assignments(std::string_view line, Shell shell);

// The directories of a PATH value, quotes removed and ~, $HOME, ${HOME} expanded; other
// variables stay as written ("$GOROOT/bin").
std::vector<std::string> path_entries(const ShellAssignment& assignment,
                                      const std::filesystem::path& home);

} // namespace gover::doctor
