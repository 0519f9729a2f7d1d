#include "gover/doctor/startup_files.hpp"

#include <cctype>
#include <optional>
#include <regex>

#include "core/text_lines.hpp"
#include "gover/doctor/system.hpp"

namespace gover::doctor {
namespace {

// Startup files are small; a huge one is read in part rather than not at all.
constexpr std::size_t k_max_startup_size = 1 << 20;

// Splits a line into commands and each command into words, honouring quotes, $(...) and
// backticks; a # starting a word ends the line.
std::vector<std::vector<std::string>> split_commands(std::string_view line) {
    std::vector<std::vector<std::string>> commands(1);
    std::string word;
    bool in_word = false;
    auto end_word = [&] {
        if (in_word) {
            commands.back().push_back(word);
            word.clear();
            in_word = false;
        }
    };
    auto end_command = [&] {
        end_word();
        if (!commands.back().empty()) {
            commands.emplace_back();
        }
    };
    char quote = 0;
    int parens = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote != 0) {
            word += c;
            if (c == '\\' && quote == '"' && i + 1 < line.size()) {
                word += line[++i];
            } else if (c == quote) {
                quote = 0;
            }
            continue;
        }
        if (parens > 0) {
            word += c;
            parens += c == '(' ? 1 : c == ')' ? -1 : 0;
            continue;
        }
        if (c == '\'' || c == '"' || c == '`') {
            quote = c;
            word += c;
            in_word = true;
        } else if (c == '\\' && i + 1 < line.size()) {
            word += line[++i];
            in_word = true;
        } else if (c == '$' && i + 1 < line.size() && line[i + 1] == '(') {
            word += "$(";
            ++i;
            parens = 1;
            in_word = true;
        } else if (c == '(' && in_word) { // zsh arrays: path=(a b $path)
            word += c;
            parens = 1;
        } else if (c == '#' && !in_word) {
            break;
        } else if (c == ' ' || c == '\t' || c == '\r') {
            end_word();
        } else if (c == ';' || c == '|' || c == '&') {
            end_command();
        } else {
            word += c;
            in_word = true;
        }
    }
    end_command();
    commands.pop_back();
    return commands;
}

std::string unquote(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c != '"' && c != '\'') {
            out += c;
        }
    }
    return out;
}

bool is_name(std::string_view s) {
    if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) {
        return false;
    }
    for (char c : s) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) {
            return false;
        }
    }
    return true;
}

bool mentions_variable(std::string_view value, std::string_view name) {
    const std::string plain = "$" + std::string(name);
    const std::string braced = "${" + std::string(name);
    for (std::size_t at = value.find(plain); at != std::string_view::npos;
         at = value.find(plain, at + 1)) {
        const std::size_t after = at + plain.size();
        if (after == value.size() ||
            !(std::isalnum(static_cast<unsigned char>(value[after])) || value[after] == '_')) {
            return true;
        }
    }
    return value.find(braced) != std::string_view::npos;
}

// NAME=VALUE, NAME+=VALUE or NAME=(...) as one word.
std::optional<ShellAssignment> assignment_word(const std::string& word, bool exported) {
    const auto eq = word.find('=');
    if (eq == std::string::npos || eq == 0) {
        return std::nullopt;
    }
    const bool append = word[eq - 1] == '+';
    std::string name = word.substr(0, append ? eq - 1 : eq);
    if (!is_name(name)) {
        return std::nullopt;
    }
    ShellAssignment a;
    std::string raw = word.substr(eq + 1);
    if (raw.size() >= 2 && raw.front() == '(' && raw.back() == ')') {
        raw = raw.substr(1, raw.size() - 2);
        a.array = true;
    }
    a.value = unquote(raw);
    if (name == "path") { // zsh ties the path array to PATH
        name = "PATH";
        a.keeps_old = mentions_variable(a.value, "path");
        a.array = true;
    }
    a.name = name;
    a.exported = exported || name == "PATH";
    a.keeps_old = a.keeps_old || append || mentions_variable(a.value, name);
    return a;
}

std::vector<ShellAssignment> fish_assignments(const std::vector<std::string>& words) {
    std::vector<ShellAssignment> out;
    if (words[0] == "fish_add_path") {
        ShellAssignment a{"PATH", "", true, true, true};
        for (std::size_t i = 1; i < words.size(); ++i) {
            if (!words[i].starts_with("-")) {
                a.value += (a.value.empty() ? "" : " ") + unquote(words[i]);
            }
        }
        out.push_back(a);
        return out;
    }
    if (words[0] != "set" || words.size() < 2) {
        return out;
    }
    std::size_t i = 1;
    bool exported = false;
    bool erase = false;
    for (; i < words.size() && words[i].starts_with("-"); ++i) {
        const std::string& flag = words[i];
        if (flag == "--export" ||
            (!flag.starts_with("--") && flag.find('x') != std::string::npos)) {
            exported = true;
        }
        if (flag == "--erase" || (!flag.starts_with("--") && flag.find('e') != std::string::npos)) {
            erase = true;
        }
    }
    if (erase || i >= words.size() || !is_name(words[i])) {
        return out;
    }
    ShellAssignment a;
    a.name = words[i];
    a.array = true;
    for (++i; i < words.size(); ++i) {
        a.value += (a.value.empty() ? "" : " ") + unquote(words[i]);
    }
    if (a.name == "fish_user_paths") {
        a.name = "PATH";
        a.keeps_old = mentions_variable(a.value, "fish_user_paths");
    }
    a.exported = exported || a.name == "PATH";
    a.keeps_old = a.keeps_old || mentions_variable(a.value, a.name);
    out.push_back(a);
    return out;
}

std::vector<ShellAssignment> sh_assignments(const std::vector<std::string>& words) {
    std::vector<ShellAssignment> out;
    std::size_t i = 0;
    if (words[0] == "setenv" ||
        (words[0] == "launchctl" && words.size() > 1 && words[1] == "setenv")) {
        i = words[0] == "setenv" ? 1 : 2;
        if (i < words.size() && is_name(words[i])) {
            ShellAssignment a{words[i], i + 1 < words.size() ? unquote(words[i + 1]) : "", true};
            a.keeps_old = mentions_variable(a.value, a.name);
            out.push_back(a);
        }
        return out;
    }
    if (words[0] == "export" || words[0] == "declare" || words[0] == "typeset" ||
        words[0] == "local" || words[0] == "readonly") {
        bool exported = words[0] == "export";
        for (i = 1; i < words.size() && words[i].starts_with("-"); ++i) {
            exported = exported || words[i].find('x') != std::string::npos;
        }
        for (; i < words.size(); ++i) {
            if (auto a = assignment_word(words[i], exported)) {
                out.push_back(*a);
            } else if (is_name(words[i]) && exported) {
                out.push_back(ShellAssignment{words[i], "", true, true}); // export NAME
            }
        }
        return out;
    }
    for (const auto& word : words) {
        auto a = assignment_word(word, false);
        if (!a) {
            return {}; // NAME=value before a command only sets it for that command
        }
        out.push_back(*a);
    }
    return out;
}

Shell shell_of(const std::string& name) {
    if (name.starts_with(".zsh") || name == ".zprofile" || name == ".zlogin") {
        return Shell::zsh;
    }
    if (name.starts_with(".bash")) {
        return Shell::bash;
    }
    if (name.ends_with(".fish")) {
        return Shell::fish;
    }
    return Shell::sh;
}

void add_file(const System& sys, const std::filesystem::path& p, std::vector<StartupFile>& out) {
    const FileInfo info = sys.stat(p);
    if (!info.is_file()) {
        return;
    }
    auto text = sys.read(p, 0, k_max_startup_size);
    if (!text) {
        return;
    }
    StartupFile file;
    file.path = p;
    file.shell = shell_of(p.filename().string());
    std::string_view rest = *text;
    while (!rest.empty()) {
        const auto nl = rest.find('\n');
        std::string_view line = rest.substr(0, nl);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        file.lines.emplace_back(line);
        rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    }
    out.push_back(std::move(file));
}

} // namespace

int StartupFile::init_line() const {
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (is_gover_init(lines[i])) {
            return static_cast<int>(i + 1);
        }
    }
    return 0;
}

StartupLine StartupFile::line(int number) const {
    return StartupLine{
        path, number,
        std::string(detail::trim_line(lines.at(static_cast<std::size_t>(number - 1))))};
}

std::vector<StartupFile> read_startup_files(const System& sys, const std::filesystem::path& home) {
    std::vector<StartupFile> out;
    std::filesystem::path zdot = home;
    if (auto z = sys.env("ZDOTDIR"); z && !z->empty()) {
        zdot = *z;
    }
    for (const char* name : {".zshenv", ".zprofile", ".zshrc", ".zlogin"}) {
        add_file(sys, zdot / name, out);
    }
    for (const char* name : {".bash_profile", ".bash_login", ".profile", ".bashrc"}) {
        add_file(sys, home / name, out);
    }
    std::filesystem::path fish = home / ".config" / "fish";
    if (auto xdg = sys.env("XDG_CONFIG_HOME"); xdg && !xdg->empty()) {
        fish = std::filesystem::path(*xdg) / "fish";
    }
    if (auto names = sys.list_dir(fish / "conf.d")) {
        for (const auto& name : *names) {
            if (name.ends_with(".fish")) {
                add_file(sys, fish / "conf.d" / name, out);
            }
        }
    }
    add_file(sys, fish / "config.fish", out);
    return out;
}

bool is_gover_init(std::string_view line) {
    static const std::regex k_init(R"((^|[\s"'(/])gover["']?\s+init(\s|$|["')-]))");
    const std::string_view t = detail::trim_line(line);
    if (t.empty() || t.front() == '#') {
        return false;
    }
    return std::regex_search(t.begin(), t.end(), k_init);
}

bool starts_other_go_manager(std::string_view line) {
    static const std::regex k_other(R"((goenv["']?\s+init)|(\.gvm/scripts/gvm))");
    const std::string_view t = detail::trim_line(line);
    if (t.empty() || t.front() == '#') {
        return false;
    }
    return std::regex_search(t.begin(), t.end(), k_other);
}

std::vector<ShellAssignment> parse_assignments(std::string_view line, Shell shell) {
    std::vector<ShellAssignment> out;
    for (const auto& words : split_commands(detail::trim_line(line))) {
        if (words.empty()) {
            continue;
        }
        auto found = shell == Shell::fish ? fish_assignments(words) : sh_assignments(words);
        out.insert(out.end(), found.begin(), found.end());
    }
    return out;
}

std::vector<std::string> path_entries(const ShellAssignment& assignment,
                                      const std::filesystem::path& home) {
    std::vector<std::string> out;
    const char separator = assignment.array ? ' ' : ':';
    std::string_view rest = assignment.value;
    while (true) {
        const auto at = rest.find(separator);
        std::string entry(detail::trim_line(rest.substr(0, at)));
        if (!entry.empty()) {
            for (const char* prefix : {"$HOME", "${HOME}", "~"}) {
                const std::string_view p(prefix);
                if (entry.starts_with(p) && (entry.size() == p.size() || entry[p.size()] == '/')) {
                    entry = home.string() + entry.substr(p.size());
                    break;
                }
            }
            out.push_back(entry);
        }
        if (at == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(at + 1);
    }
    return out;
}

} // namespace gover::doctor
