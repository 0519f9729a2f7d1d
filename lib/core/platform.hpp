#pragma once
// Platforms as go.dev names them ("darwin-arm64", "linux-armv6l") and the host's own, which on
// Apple Silicon is darwin-arm64 even when gover runs under Rosetta (uname -m says x86_64 there).

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace gover {

struct Platform {
    std::string os;   // go.dev "os": linux, darwin, freebsd, ...
    std::string arch; // go.dev "arch": amd64, arm64, 386, armv6l, ...

    std::string str() const { return os + "-" + arch; }
    bool operator==(const Platform&) const = default;

    // "linux-amd64" -> {linux, amd64}; a usage error for anything not shaped os-arch.
    static Result<Platform> parse(std::string_view text);
};

// Facts about the machine, gathered behind one seam so the mapping is testable anywhere.
struct HostFacts {
    std::string kernel;                // uname -s: "Linux", "Darwin"
    std::string machine;               // uname -m: "x86_64", "arm64", "aarch64", "armv7l", ...
    std::optional<bool> arm64_capable; // sysctl hw.optional.arm64 (macOS only)
    std::optional<bool> translated;    // sysctl sysctl.proc_translated (macOS only)
};

// Reads HostFacts from this machine (uname, and sysctl on macOS).
HostFacts read_host_facts();

// Maps facts to go.dev's names; a Mac with arm64 support is darwin-arm64 whatever uname says.
Platform platform_from_facts(const HostFacts& facts);

// The native host platform.
Platform host_platform();

} // namespace gover
