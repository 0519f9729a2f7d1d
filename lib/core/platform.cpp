#include "core/platform.hpp"

#include <algorithm>
#include <cctype>
#include <sys/utsname.h>

#include "core/platform_sysctl.hpp"

namespace gover {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string go_arch(std::string_view machine) {
    std::string m = lower(machine); // not const: returned by move
    if (m == "x86_64" || m == "amd64") {
        return "amd64";
    }
    if (m == "aarch64" || m == "arm64" || m == "armv8l" || m == "armv8b") {
        return "arm64";
    }
    if (m.starts_with("armv") || m == "arm") {
        return "armv6l"; // go.dev ships 32-bit ARM as armv6l only; it runs on v7 too
    }
    if (m == "i386" || m == "i486" || m == "i586" || m == "i686" || m == "x86") {
        return "386";
    }
    if (m == "ppc64le" || m == "ppc64" || m == "s390x" || m == "riscv64" || m == "loong64" ||
        m == "mips" || m == "mipsle" || m == "mips64" || m == "mips64le") {
        return m;
    }
    return m;
}

} // namespace

Result<Platform> Platform::parse(std::string_view text) {
    const auto dash = text.find('-');
    auto valid = [](std::string_view part) {
        return !part.empty() && part.size() <= 32 &&
               std::all_of(part.begin(), part.end(),
                           [](unsigned char c) { return std::islower(c) || std::isdigit(c); });
    };
    if (dash == std::string_view::npos || !valid(text.substr(0, dash)) ||
        !valid(text.substr(dash + 1))) {
        return fail(ErrorCode::usage,
                    "invalid platform \"" + std::string(text.substr(0, 64)) + "\"",
                    "use OS-ARCH as go.dev names it, e.g. darwin-arm64 or linux-amd64");
    }
    return Platform{std::string(text.substr(0, dash)), std::string(text.substr(dash + 1))};
}

Platform platform_from_facts(const HostFacts& facts) {
    Platform p{lower(facts.kernel), go_arch(facts.machine)};
    if (p.os == "darwin" && facts.arm64_capable.value_or(false)) {
        p.arch = "arm64"; // under Rosetta uname -m says x86_64; the kernel knows better
    }
    return p;
}

HostFacts read_host_facts() {
    HostFacts facts;
    struct utsname u {};
    if (uname(&u) == 0) {
        facts.kernel = u.sysname;
        facts.machine = u.machine;
    }
    facts.arm64_capable = detail::sysctl_flag("hw.optional.arm64");
    facts.translated = detail::sysctl_flag("sysctl.proc_translated");
    return facts;
}

Platform host_platform() {
    return platform_from_facts(read_host_facts());
}

} // namespace gover
