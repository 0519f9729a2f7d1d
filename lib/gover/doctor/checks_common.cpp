#include "gover/doctor/checks.hpp"

namespace gover::doctor {

Finding make_finding(std::string check, Severity severity, std::string subject, std::string message,
                     std::string fix) {
    Finding f;
    f.check = std::move(check);
    f.severity = severity;
    f.subject = std::move(subject);
    f.message = std::move(message);
    f.fix = std::move(fix);
    return f;
}

std::string login_shell(const Facts& facts) {
    const auto shell = facts.sys->env("SHELL");
    if (!shell || shell->empty()) {
        return "";
    }
    return std::filesystem::path(*shell).filename().string();
}

std::string init_line_for(const Facts&, const std::string& shell) {
    if (shell == "fish") {
        return "gover init fish | source";
    }
    return "eval \"$(gover init " + (shell == "bash" ? shell : std::string("zsh")) + ")\"";
}

std::filesystem::path rc_file_for(const Facts& facts, const std::string& shell) {
    if (shell == "fish") {
        if (auto xdg = facts.sys->env("XDG_CONFIG_HOME"); xdg && !xdg->empty()) {
            return std::filesystem::path(*xdg) / "fish" / "config.fish";
        }
        return facts.home / ".config" / "fish" / "config.fish";
    }
    if (shell == "bash") {
        return facts.home / (facts.platform.os == "darwin" ? ".bash_profile" : ".bashrc");
    }
    if (auto z = facts.sys->env("ZDOTDIR"); z && !z->empty()) {
        return std::filesystem::path(*z) / ".zshrc";
    }
    return facts.home / ".zshrc";
}

std::string unset_command(const Facts& facts, const std::string& names) {
    return (login_shell(facts) == "fish" ? "set -e " : "unset ") + names;
}

std::string delete_lines_text(const std::vector<StartupLine>& lines, const std::string& what) {
    if (lines.empty()) {
        return "remove what sets " + what +
               " from wherever it is set (shell startup file, "
               "terminal or IDE settings)";
    }
    std::string out = "delete ";
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i > 0) {
            out += i + 1 == lines.size() ? " and " : ", ";
        }
        out += lines[i].where() + " (`" + lines[i].text + "`)";
    }
    return out;
}

} // namespace gover::doctor
