// Rosetta on Apple Silicon: a translated shell or gover makes every child prefer x86_64, and an
// Intel Homebrew ahead of the native one puts x86_64 tools first on PATH.
#include "gover/doctor/binary_reader.hpp"
#include "gover/doctor/checks.hpp"

namespace gover::doctor {
namespace {

bool apple_silicon(const Facts& facts) {
    return facts.platform.os == "darwin" && facts.platform.arch == "arm64";
}

const char* k_translated_why =
    "every program it starts prefers x86_64 too, so a universal go, clang or gover runs "
    "translated, builds amd64 programs unless told otherwise, and cgo fails to link against "
    "arm64 libraries";

void check_gover(const Facts& facts, Findings& out) {
    if (!facts.host.facts.translated.value_or(false)) {
        return;
    }
    std::string fix = "run gover from a native (arm64) shell";
    if (!facts.host.self_exe.empty()) {
        auto info = read_binary(*facts.sys, facts.host.self_exe);
        if (info && info->format != BinaryInfo::Format::other && !info->slice_for(facts.platform)) {
            fix = "install the arm64 build of gover in place of " + facts.host.self_exe.string() +
                  " (Intel build)";
        }
    }
    out.push_back(make_finding("rosetta", Severity::error, "gover",
                               "gover itself runs under Rosetta (as x86_64) on this Apple "
                               "Silicon Mac: " +
                                   std::string(k_translated_why),
                               fix));
}

void check_shell(const Facts& facts, Findings& out) {
    if (facts.host.parent_translated.value_or(false)) {
        out.push_back(make_finding(
            "rosetta", Severity::error, "shell",
            "the shell that started gover runs under Rosetta (as x86_64) on this Apple Silicon "
            "Mac: " +
                std::string(k_translated_why),
            "turn off \"Open using Rosetta\" in the terminal app's Get Info window, or start a "
            "native shell with `arch -arm64 /bin/zsh -l`"));
    }
    const auto shell = facts.sys->env("SHELL");
    if (!shell || shell->empty()) {
        return;
    }
    auto info = read_binary(*facts.sys, *shell);
    if (!info || info->format == BinaryInfo::Format::other || info->slice_for(facts.platform)) {
        return;
    }
    out.push_back(make_finding(
        "rosetta", Severity::error, "SHELL",
        "the login shell " + *shell + " is built for " + info->arch_list() +
            " only, so it always runs under Rosetta on this Apple Silicon Mac: " +
            std::string(k_translated_why),
        "switch to a native shell: `chsh -s /bin/zsh` (or install an arm64 build of it with "
        "/opt/homebrew/bin/brew)"));
}

void check_homebrew(const Facts& facts, Findings& out) {
    std::optional<std::size_t> intel;
    std::optional<std::size_t> native;
    for (std::size_t i = 0; i < facts.path.size(); ++i) {
        const auto p = facts.path[i].lexically_normal().string();
        if (!intel && (p == "/usr/local/bin" || p == "/usr/local/bin/")) {
            intel = i;
        }
        if (!native && (p == "/opt/homebrew/bin" || p == "/opt/homebrew/bin/")) {
            native = i;
        }
    }
    if (!intel || (native && *native < *intel) ||
        !facts.sys->stat("/usr/local/bin/brew").is_file()) {
        return;
    }
    std::string where;
    for (const auto& file : facts.startup) {
        for (std::size_t i = 0; i < file.lines.size(); ++i) {
            if (file.lines[i].find("brew shellenv") != std::string::npos &&
                file.lines[i].find("/usr/local/bin/brew") == std::string::npos) {
                where = file.line(static_cast<int>(i + 1)).where();
            }
        }
    }
    std::string fix = "make `eval \"$(/opt/homebrew/bin/brew shellenv)\"` the last PATH edit in "
                      "your shell startup file";
    if (!where.empty()) {
        fix += " (it is at " + where + " now; move it below whatever adds /usr/local/bin)";
    }
    fix += ", or remove the Intel Homebrew if you no longer need it";
    out.push_back(make_finding(
        "homebrew-intel", Severity::warning, "/usr/local/bin",
        std::string("the Intel Homebrew (/usr/local/bin) comes ") +
            (native ? "before /opt/homebrew/bin" : "on PATH without /opt/homebrew/bin") +
            " on this Apple Silicon Mac: its x86_64 programs (a brew-installed go, pkg-config, "
            "compilers) win and run under Rosetta, and cgo links against x86_64 libraries",
        fix));
}

} // namespace

void check_rosetta(const Facts& facts, Findings& out) {
    if (!apple_silicon(facts)) {
        return;
    }
    check_gover(facts, out);
    check_shell(facts, out);
    check_homebrew(facts, out);
}

} // namespace gover::doctor
