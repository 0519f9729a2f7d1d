// cgo needs a C compiler for the target: without one, cgo packages fail to build (and since
// Go 1.20 an unset CGO_ENABLED quietly turns cgo off); one for another architecture fails to
// link.
#include "gover/binary/binary_arch.hpp"
#include "gover/doctor/checks.hpp"

namespace gover::doctor {
namespace {

constexpr std::chrono::seconds k_cc_timeout{10};

// The GOARCH a compiler's target triple names ("aarch64-linux-gnu" -> arm64).
std::string triple_arch(const std::string& triple) {
    std::string cpu = triple.substr(0, triple.find('-')); // not const: returned by move
    if (cpu == "x86_64" || cpu == "amd64") {
        return "amd64";
    }
    if (cpu == "aarch64" || cpu == "arm64" || cpu == "arm64e") {
        return "arm64";
    }
    if (cpu == "i386" || cpu == "i486" || cpu == "i586" || cpu == "i686") {
        return "386";
    }
    if (cpu.starts_with("arm")) {
        return "arm";
    }
    if (cpu == "powerpc64le" || cpu == "ppc64le") {
        return "ppc64le";
    }
    if (cpu == "powerpc64" || cpu == "ppc64") {
        return "ppc64";
    }
    if (cpu == "loongarch64") {
        return "loong64";
    }
    return cpu; // s390x, riscv64, mips64el...
}

std::string install_compiler(const Facts& facts) {
    if (facts.platform.os == "darwin") {
        return "install Apple's command line tools: `xcode-select --install`";
    }
    return "install a C compiler (Debian/Ubuntu: `sudo apt-get install gcc`, Fedora: `sudo dnf "
           "install gcc`, Alpine: `apk add build-base`)";
}

} // namespace

void check_cgo(const Facts& facts, Findings& out) {
    const auto enabled = facts.go_setting("CGO_ENABLED");
    if (enabled && *enabled == "0") {
        return;
    }
    const std::string how = enabled ? "CGO_ENABLED=" + *enabled : "cgo is on by default";
    std::string cc =
        facts.go_setting("CC").value_or(facts.platform.os == "darwin" ? "clang" : "gcc");
    if (const auto space = cc.find(' '); space != std::string::npos) {
        cc.resize(space); // the command, without its arguments
    }
    std::optional<std::filesystem::path> found;
    if (cc.find('/') != std::string::npos) {
        const FileInfo st = facts.sys->stat(cc);
        if (st.is_file() && st.executable) {
            found = cc;
        }
    } else if (auto hits = facts.find_on_path(cc); !hits.empty()) {
        found = hits.front().file;
    }
    CommandResult r;
    if (found) {
        r = facts.sys->run({found->string(), "-dumpmachine"}, {}, k_cc_timeout);
    }
    if (!found || !r.started || r.timed_out || r.exit_code != 0) {
        const std::string why =
            enabled ? "packages that use cgo (go-sqlite3, many bindings) fail to build"
                    : "Go turns cgo off on its own, so packages that need it (go-sqlite3, many "
                      "bindings) fail to build, and net and os/user quietly use their pure-Go "
                      "fallbacks";
        out.push_back(make_finding(
            "cgo-compiler", Severity::warning, cc,
            how + ", but the C compiler `" + cc + "` " +
                (found ? "(" + found->string() + ") does not run" : std::string("is not on PATH")) +
                ": " + why,
            install_compiler(facts) + ", or build without cgo: `CGO_ENABLED=0 go build`"));
        return;
    }
    const std::string triple = r.out.substr(0, r.out.find('\n'));
    // Go hands Apple's clang -arch for the target itself, so its default target is moot.
    if (facts.platform.os == "darwin" && triple.find("apple-darwin") != std::string::npos &&
        cc.find("clang") != std::string::npos) {
        return;
    }
    const std::string target = facts.go_setting("GOARCH").value_or(goarch_of(facts.platform));
    const std::string arch = triple_arch(triple);
    if (arch == target) {
        return;
    }
    out.push_back(make_finding("cgo-compiler", Severity::warning, cc,
                               how + ", but the C compiler " + found->string() + " targets " +
                                   triple + " (" + arch + ") while Go builds for " + target +
                                   ": cgo packages fail to link (objects of two architectures)",
                               "point CC at a compiler for " + target +
                                   " (`go env -w CC=<compiler>`), " + install_compiler(facts) +
                                   ", or build without cgo: `CGO_ENABLED=0 go build`"));
}

} // namespace gover::doctor
