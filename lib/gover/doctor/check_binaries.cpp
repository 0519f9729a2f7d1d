// What the go binaries were built for, from their ELF / Mach-O headers: a go for another
// architecture runs under Rosetta (or not at all) and builds for the wrong target; a toolchain
// whose Mach-O minos is newer than this macOS does not start.
#include <charconv>
#include <set>

#include "core/gobin.hpp"
#include "gover/binary/binary_arch.hpp"
#include "gover/doctor/binary_reader.hpp"
#include "gover/doctor/checks.hpp"
#include "gover/doctor/go_buildinfo.hpp"

namespace gover::doctor {
namespace {

// GOBIN can hold hundreds of tools; reading each header is cheap, but bound it.
constexpr std::size_t k_max_gobin_files = 2000;
constexpr std::size_t k_max_names_listed = 8;

std::string consequence(const Facts& facts, const std::string& built_for) {
    if (facts.platform.os == "darwin" && facts.platform.arch == "arm64" && built_for == "amd64") {
        return "it runs under Rosetta, builds amd64 programs unless told otherwise, and cgo "
               "fails to link against the arm64 libraries on this Mac";
    }
    return "it cannot run natively here (\"exec format error\" or emulation)";
}

std::string where_from(const std::filesystem::path& file) {
    const std::string s = file.string();
    if (s.starts_with("/usr/local/go/")) {
        return "remove that toolchain (the go.dev installer's): `sudo rm -rf /usr/local/go "
               "/etc/paths.d/go`";
    }
    if (s.starts_with("/usr/local/")) {
        return "remove it with the Intel Homebrew that installed it: `arch -x86_64 "
               "/usr/local/bin/brew uninstall go`, or take " +
               file.parent_path().string() + " off PATH";
    }
    return "take " + file.parent_path().string() + " off PATH or delete that toolchain";
}

void check_selected(const Facts& facts, const std::set<std::string>& on_purpose, Findings& out,
                    std::set<std::filesystem::path>& seen) {
    const auto go = facts.selected_go();
    if (!go) {
        return;
    }
    if (auto real = facts.sys->canonical(*go)) {
        seen.insert(*real);
    }
    auto info = read_binary(*facts.sys, *go);
    if (!info || info->format == BinaryInfo::Format::other || info->slice_for(facts.platform)) {
        return;
    }
    const bool store = facts.selection.state == SelectionFacts::State::selected;
    if (store && on_purpose.count(facts.selection.version->str()) != 0) {
        return; // reported as platform-install
    }
    const std::string built = info->arch_list();
    std::string fix;
    if (store) {
        const std::string v = facts.selection.version->str();
        fix = "reinstall it for this machine: `gover uninstall " + v + " && gover install " +
              install_spec(*facts.selection.version) + "`";
    } else {
        fix = where_from(*go) + ", then pin a gover-installed version: `gover use latest`";
    }
    out.push_back(make_finding("go-arch", Severity::error, go->string(),
                               "the selected go (" + go->string() + ") is built for " + built +
                                   " but this machine is " + facts.platform.str() + ": " +
                                   consequence(facts, built),
                               fix));
}

void check_path_gos(const Facts& facts, Findings& out, std::set<std::filesystem::path>& seen) {
    for (const auto& hit : facts.find_on_path("go")) {
        if (facts.is_shims_dir(facts.path[hit.index])) {
            continue;
        }
        const auto real = facts.sys->canonical(hit.file);
        if (!real || !seen.insert(*real).second) {
            continue;
        }
        auto info = read_binary(*facts.sys, hit.file);
        if (!info || info->format == BinaryInfo::Format::other || info->slice_for(facts.platform)) {
            continue;
        }
        const std::string built = info->arch_list();
        out.push_back(make_finding(
            "go-arch", Severity::error, hit.file.string(),
            hit.file.string() + " on PATH is built for " + built + " but this machine is " +
                facts.platform.str() + ": " + consequence(facts, built) +
                "; whatever runs it (a script, an IDE, a PATH in another order) gets that",
            where_from(hit.file)));
    }
}

void check_platform_installs(const Facts& facts, std::set<std::string>& on_purpose, Findings& out) {
    for (const auto& v : facts.installed) {
        const StoreRecord& record = facts.record(v);
        if (!record.platform_override || !record.platform || *record.platform == facts.platform) {
            continue;
        }
        on_purpose.insert(v.str());
        out.push_back(make_finding(
            "platform-install", Severity::info, v.str(),
            "Go " + v.str() + " was installed for " + record.platform->str() +
                " on purpose (--platform), not for this " + facts.platform.str() +
                " machine: it builds " + record.platform->arch + " programs unless told otherwise" +
                (facts.platform.os == "darwin" && record.platform->arch == "amd64"
                     ? " and runs under Rosetta"
                     : ""),
            "nothing to do if that is intended; for a native build: `gover uninstall " + v.str() +
                " && gover install " + install_spec(v) + "`"));
    }
}

std::optional<std::string> min_macos(const Facts& facts, const BinaryInfo& info) {
    if (const auto* slice = info.slice_for(facts.platform)) {
        return slice->min_macos;
    }
    for (const auto& slice : info.slices) {
        if (slice.os == "darwin" && slice.min_macos) {
            return slice.min_macos;
        }
    }
    return std::nullopt;
}

void check_macos(const Facts& facts, Findings& out) {
    const auto& host = facts.host.macos_version;
    if (facts.platform.os != "darwin" || !host) {
        return;
    }
    std::vector<std::pair<GoVersion, std::string>> too_new;
    std::vector<GoVersion> fitting;
    for (const auto& v : facts.installed) {
        const auto go = facts.layout.version_dir(v) / "bin" / "go";
        auto info = read_binary(*facts.sys, go);
        const auto needs = info ? min_macos(facts, *info) : std::nullopt;
        if (needs && compare_macos_versions(*needs, *host) > 0) {
            too_new.emplace_back(v, *needs);
        } else if (info && info->format != BinaryInfo::Format::other) {
            fitting.push_back(v);
        }
    }
    for (const auto& [v, needs] : too_new) {
        std::string fix = "upgrade macOS to " + needs + " or later, or ";
        if (!fitting.empty()) {
            fix += "use an installed release that runs here: `gover use " +
                   install_spec(fitting.front()) + "`";
        } else {
            // A parsed minor is digits only, but may be too long for an int: then 0.
            int minor = 0;
            std::from_chars(v.minor().data(), v.minor().data() + v.minor().size(), minor);
            fix += "use an older Go release: `gover use " + v.major() + "." +
                   std::to_string(minor > 0 ? minor - 1 : 0) + "`";
        }
        out.push_back(make_finding("macos-version", Severity::error, v.str(),
                                   "Go " + v.str() + " needs macOS " + needs +
                                       " or later (its go binary's minimum), but this Mac runs "
                                       "macOS " +
                                       *host + ": it does not start",
                                   fix));
    }
}

// Where `go install` puts programs, as cmd/go decides (core/gobin.hpp).
std::filesystem::path gobin_of(const Facts& facts) {
    const EnvLookup env = [&facts](const char* name) { return facts.sys->env(name); };
    return gobin_dir(env, facts.platform.os == "darwin");
}

void check_gobin(const Facts& facts, Findings& out) {
    const auto dir = gobin_of(facts);
    if (dir.empty()) {
        return;
    }
    const auto names = facts.sys->list_dir(dir);
    if (!names) {
        return;
    }
    std::vector<std::string> foreign;
    std::string arch;
    std::size_t looked = 0;
    for (const auto& name : *names) {
        if (++looked > k_max_gobin_files) {
            break;
        }
        const auto file = dir / name;
        const FileInfo st = facts.sys->stat(file);
        if (!st.is_file() || !st.executable) {
            continue;
        }
        auto info = read_binary(*facts.sys, file);
        if (!info || info->format == BinaryInfo::Format::other || info->slice_for(facts.platform)) {
            continue;
        }
        foreign.push_back(name);
        arch = info->arch_list();
    }
    if (foreign.empty()) {
        return;
    }
    std::string list;
    for (std::size_t i = 0; i < foreign.size() && i < k_max_names_listed; ++i) {
        list += (i > 0 ? ", " : "") + (dir / foreign[i]).string();
    }
    if (foreign.size() > k_max_names_listed) {
        list += " and " + std::to_string(foreign.size() - k_max_names_listed) + " more";
    }
    // The exact commands, from the build information Go embeds in each program.
    std::string commands;
    std::size_t unnamed = 0;
    for (std::size_t i = 0; i < foreign.size() && i < k_max_names_listed; ++i) {
        if (auto info = read_go_buildinfo(*facts.sys, dir / foreign[i])) {
            commands += (commands.empty() ? "" : " && ") + go_install_command(*info);
        } else {
            ++unnamed;
        }
    }
    std::string fix = "reinstall them with the native Go";
    if (!commands.empty()) {
        fix += ": `" + commands + "`";
    }
    if (unnamed > 0 || foreign.size() > k_max_names_listed) {
        fix += std::string(commands.empty() ? ":" : "; for the others:") +
               " `go install <package>@latest` (`go version -m <file>` shows the package)";
    }
    out.push_back(make_finding(
        "gobin-arch", Severity::warning, dir.string(),
        std::to_string(foreign.size()) + " program(s) in GOBIN (" + list +
            ") are built for another architecture than this " + facts.platform.str() +
            " machine (" + arch +
            "): they run under emulation or not at all, and tools like gopls or dlv built that "
            "way debug and analyse for the wrong target",
        fix));
}

} // namespace

void check_binaries(const Facts& facts, Findings& out) {
    std::set<std::string> on_purpose;
    std::set<std::filesystem::path> seen;
    check_platform_installs(facts, on_purpose, out);
    check_selected(facts, on_purpose, out, seen);
    check_path_gos(facts, out, seen);
    check_macos(facts, out);
    check_gobin(facts, out);
}

} // namespace gover::doctor
