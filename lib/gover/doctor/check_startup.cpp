// Shell startup files, whatever $SHELL is: lines exporting GOROOT or putting another Go on
// PATH, PATH resets after `gover init`, and whether the login shell loads gover at all.
#include <algorithm>
#include <optional>
#include <regex>
#include <set>
#include <utility>

#include "gover/doctor/checks.hpp"

namespace gover::doctor {
namespace {

// Which shell reads a file; files of one shell are listed in the order it reads them.
Shell family(const StartupFile& file) {
    return file.shell == Shell::sh ? Shell::bash : file.shell;
}

// Places only a Go toolchain lives in, whether or not they exist on this machine.
bool toolchain_pattern(const std::string& entry) {
    if (entry.find("$GOROOT") != std::string::npos || entry.find("${GOROOT") != std::string::npos) {
        return true;
    }
    for (const char* p : {"/usr/local/go/bin", "/usr/lib/go/bin", "/usr/lib/go-", "/opt/go/bin",
                          "/opt/go@", "/snap/go/", "/sdk/go1", "/.goenv/shims", "/.gvm/gos/"}) {
        if (entry.find(p) != std::string::npos) {
            return true;
        }
    }
    return false;
}

bool another_go(const Facts& facts, const std::string& entry) {
    if (toolchain_pattern(entry)) {
        return true;
    }
    if (entry.find('$') != std::string::npos || entry.empty() || entry[0] != '/') {
        return false;
    }
    const std::filesystem::path dir(entry);
    if (facts.is_shims_dir(dir)) {
        return false;
    }
    const FileInfo st = facts.sys->stat(dir / "go");
    return st.is_file() && st.executable;
}

// The brew prefix bin a `brew shellenv` line puts first on PATH, when the line names it.
std::optional<std::string> brew_shellenv_bin(const std::string& line) {
    const auto at = line.find("/bin/brew shellenv");
    if (at == std::string::npos) {
        return std::nullopt;
    }
    const auto start = line.find_last_of(" \"'(", at);
    return line.substr(start == std::string::npos ? 0 : start + 1,
                       at - (start == std::string::npos ? 0 : start + 1)) +
           "/bin";
}

// `alias go=...`, fish's `alias go ...`, `function go`, `go() {`.
bool defines_go_command(const std::string& line) {
    static const std::regex k_define(
        R"(^\s*(alias\s+(go|gofmt)(=|\s)|function\s+(go|gofmt)(\s|\(|$)|(go|gofmt)\s*\(\)))");
    return std::regex_search(line, k_define);
}

struct InitPoint {
    const StartupFile* file = nullptr;
    int line = 0;
};

// Whether `line` of `file` runs after the init point (same file below it, or a later file of
// the same shell).
bool after_init(const InitPoint& init, const StartupFile& file, int line) {
    if (init.file == nullptr || family(*init.file) != family(file)) {
        return false;
    }
    if (init.file == &file) {
        return line > init.line;
    }
    return &file > init.file; // files are stored in reading order
}

void scan_file(const Facts& facts, const StartupFile& file, const InitPoint& init, Findings& out) {
    const std::string init_where = init.file ? init.file->line(init.line).where() : std::string();
    for (std::size_t i = 0; i < file.lines.size(); ++i) {
        const int number = static_cast<int>(i + 1);
        const std::string& text = file.lines[i];
        const bool late = after_init(init, file, number);
        const StartupLine here = file.line(number);
        for (const auto& a : parse_assignments(text, file.shell)) {
            if (a.name == "GOROOT" && a.exported) {
                out.push_back(make_finding(
                    "startup-goroot", Severity::warning, here.where(),
                    here.where() + " exports GOROOT (`" + here.text +
                        "`): every shell started this way hands that root to every tool, which "
                        "mixes its standard library with another Go's compiler once you switch "
                        "versions",
                    "delete line " + std::to_string(number) + " of " + file.path.string() +
                        " (each go finds its own root; gover's shim sets it)"));
            }
            if (a.name != "PATH") {
                continue;
            }
            for (const auto& entry : path_entries(a, facts.home)) {
                if (!another_go(facts, entry)) {
                    continue;
                }
                out.push_back(make_finding(
                    "startup-path", Severity::warning, here.where(),
                    here.where() + " puts another Go on PATH (" + entry + "): " +
                        (late ? "it runs after `gover init` (" + init_where +
                                    "), so that go comes before gover's shims"
                              : std::string("whenever it lands before gover's shims (a "
                                            "reordered file, a subshell), that go runs instead "
                                            "of the selected one")),
                    "delete line " + std::to_string(number) + " of " + file.path.string() +
                        " (gover's shims provide go)"));
                break;
            }
            if (late && !a.keeps_old) {
                out.push_back(make_finding(
                    "startup-path-reset", Severity::warning, here.where(),
                    here.where() +
                        " sets PATH without keeping its old value, after `gover "
                        "init` (" +
                        init_where +
                        "): the shims gover put on PATH are gone in every shell started this "
                        "way, so `go` is not gover's",
                    "move the `gover init` line below line " + std::to_string(number) + " of " +
                        file.path.string() +
                        ", or make that line keep the old PATH (`export "
                        "PATH=\"...:$PATH\"`)"));
            }
        }
        if (defines_go_command(text)) {
            out.push_back(make_finding(
                "startup-path", Severity::warning, here.where(),
                here.where() + " defines go as an alias or function (`" + here.text +
                    "`): interactive shells run that instead of looking go up on PATH, so "
                    "gover's shim and its selection are bypassed",
                "delete line " + std::to_string(number) + " of " + file.path.string()));
        }
        if (starts_other_go_manager(text)) {
            out.push_back(make_finding(
                "startup-path", Severity::warning, here.where(),
                here.where() + " starts another Go version manager (`" + here.text +
                    "`): it puts its own go on PATH, and whichever of the two runs last decides "
                    "which Go `go` is",
                "delete line " + std::to_string(number) + " of " + file.path.string() +
                    " (or uninstall gover if you prefer the other manager)"));
        }
        if (late) {
            if (auto bin = brew_shellenv_bin(text)) {
                const FileInfo st = facts.sys->stat(std::filesystem::path(*bin) / "go");
                if (st.is_file() && st.executable) {
                    out.push_back(
                        make_finding("startup-path", Severity::warning, here.where(),
                                     here.where() + " runs `brew shellenv` after `gover init` (" +
                                         init_where + "): it moves " + *bin +
                                         ", which holds Homebrew's go, before gover's shims",
                                     "move the `gover init` line below line " +
                                         std::to_string(number) + " of " + file.path.string()));
                }
            }
        }
    }
}

// The startup files (by name) the login shell `shell` reads; nullopt for a shell gover does
// not know. A login bash reads the first of .bash_profile, .bash_login and .profile that exists,
// and what it sources.
std::optional<std::set<std::string>> files_read_by(const Facts& facts, const std::string& shell) {
    std::set<std::string> read; // file names the login shell reads
    if (shell == "zsh") {
        read = {".zshenv", ".zprofile", ".zshrc", ".zlogin"};
    } else if (shell == "fish") {
        for (const auto& file : facts.startup) {
            if (file.shell == Shell::fish) {
                read.insert(file.path.filename().string());
            }
        }
    } else if (shell == "bash") {
        for (const char* name : {".bash_profile", ".bash_login", ".profile"}) {
            const auto it =
                std::find_if(facts.startup.begin(), facts.startup.end(),
                             [&](const StartupFile& f) { return f.path == facts.home / name; });
            if (it == facts.startup.end()) {
                continue;
            }
            read.insert(name);
            for (const auto& line : it->lines) {
                for (const char* sourced : {".bashrc", ".profile"}) {
                    if (line.find(sourced) != std::string::npos && line.find('#') != 0) {
                        read.insert(sourced);
                    }
                }
            }
            break;
        }
    } else if (shell == "sh" || shell == "dash" || shell == "ksh") {
        read = {".profile"};
    } else {
        return std::nullopt;
    }
    return read;
}

// The fix when `gover init` sits only in files the login shell does not read: for bash with it
// in ~/.bashrc, source ~/.bashrc from the file the login bash reads; else add the line.
std::pair<std::string, std::string>
init_not_read_fix(const Facts& facts, const std::string& shell,
                  const std::vector<const StartupFile*>& with_init, const std::string& add,
                  const std::filesystem::path& rc) {
    std::string why = shell + " (the login shell, $SHELL) does not read it";
    std::string fix = add;
    const bool in_bashrc =
        std::any_of(with_init.begin(), with_init.end(),
                    [](const StartupFile* f) { return f->path.filename() == ".bashrc"; });
    if (shell == "bash" && in_bashrc) {
        // ~/.bashrc has the line already: adding it there again changes nothing.
        why = "a login bash (what macOS terminals and ssh start) reads ~/.bash_profile, "
              "~/.bash_login or ~/.profile, and none of them sources ~/.bashrc";
        // Into the file the login bash reads: creating ~/.bash_profile next to a ~/.profile
        // would stop bash reading ~/.profile.
        std::filesystem::path login_file = facts.home / ".bash_profile";
        for (const char* name : {".bash_profile", ".bash_login", ".profile"}) {
            if (std::any_of(facts.startup.begin(), facts.startup.end(),
                            [&](const StartupFile& f) { return f.path == facts.home / name; })) {
                login_file = facts.home / name;
                break;
            }
        }
        fix = "add `[ -f ~/.bashrc ] && . ~/.bashrc` to " + login_file.string() +
              (rc.filename() == ".bashrc" ? std::string() : ", or " + add);
    }
    return {why, fix};
}

void check_init(const Facts& facts, Findings& out) {
    std::vector<const StartupFile*> with_init;
    for (const auto& file : facts.startup) {
        if (file.init_line() != 0) {
            with_init.push_back(&file);
        }
    }
    const std::string shell = login_shell(facts);
    const auto rc = rc_file_for(facts, shell);
    const std::string add =
        "add `" + init_line_for(facts, shell) + "` at the end of " + rc.string();
    if (with_init.empty()) {
        out.push_back(make_finding(
            "init-missing", Severity::info, "gover init",
            "no shell startup file runs `gover init`: new shells get the shims on PATH only if "
            "something else puts them there, and no `gover shell` function",
            add + " and open a new shell"));
        return;
    }
    const auto read = files_read_by(facts, shell);
    if (!read) {
        return;
    }
    std::string names;
    for (const auto* file : with_init) {
        if (read->count(file->path.filename().string()) != 0 &&
            (shell != "zsh" || family(*file) == Shell::zsh) &&
            (shell != "fish" || file->shell == Shell::fish)) {
            return; // the login shell loads gover
        }
        names += (names.empty() ? "" : ", ") + file->path.string();
    }
    const auto [why, fix] = init_not_read_fix(facts, shell, with_init, add, rc);
    out.push_back(make_finding("init-not-read", Severity::info, "gover init",
                               "`gover init` is only in " + names + ": " + why +
                                   ", so login shells start without gover's shims",
                               fix));
}

void check_zshenv_on_macos(const Facts& facts, const InitPoint& init, Findings& out) {
    if (facts.platform.os != "darwin" || init.file == nullptr ||
        init.file->path.filename() != ".zshenv") {
        return;
    }
    for (const auto& file : facts.startup) {
        if (file.shell == Shell::zsh && &file != init.file && file.init_line() != 0) {
            return; // loaded again later, after path_helper
        }
    }
    const std::string where = init.file->line(init.line).where();
    out.push_back(make_finding(
        "startup-path-reset", Severity::warning, where,
        "`gover init` runs from " + where +
            ", but macOS's /etc/zprofile runs path_helper after ~/.zshenv in login shells and "
            "moves /usr/local/bin, /usr/bin and /etc/paths.d entries (like /usr/local/go/bin) "
            "ahead of gover's shims",
        "move that line to " + rc_file_for(facts, "zsh").string()));
}

} // namespace

void check_startup(const Facts& facts, Findings& out) {
    // The first init line per shell family decides what counts as "after".
    for (const Shell shell : {Shell::zsh, Shell::bash, Shell::fish}) {
        InitPoint init;
        for (const auto& file : facts.startup) {
            if (family(file) == shell && init.file == nullptr) {
                if (const int n = file.init_line(); n != 0) {
                    init = InitPoint{&file, n};
                }
            }
        }
        for (const auto& file : facts.startup) {
            if (family(file) == shell) {
                scan_file(facts, file, init, out);
            }
        }
        if (shell == Shell::zsh) {
            check_zshenv_on_macos(facts, init, out);
        }
    }
    check_init(facts, out);
}

} // namespace gover::doctor
