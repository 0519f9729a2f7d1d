#include "core/layout.hpp"

#include <cstdlib>

namespace gover {
namespace {

// The store's shims/ goes on PATH, where ':' separates entries: a home holding one would split
// into two broken entries, so it is refused rather than half-working.
Result<Layout> checked(const std::filesystem::path& home, const std::string& from) {
    if (home.string().find(':') != std::string::npos) {
        return fail(ErrorCode::usage,
                    from + " contains ':', which cannot be on PATH: " + home.string(),
                    "set GOVER_HOME to an absolute directory without ':'");
    }
    return Layout(home.lexically_normal());
}

} // namespace

Result<Layout> Layout::from_env(const EnvLookup& env) {
    if (const auto home = env("GOVER_HOME"); home && !home->empty()) {
        std::filesystem::path p(*home);
        if (!p.is_absolute()) {
            return fail(ErrorCode::usage, "GOVER_HOME is not an absolute path: " + p.string(),
                        "set GOVER_HOME to an absolute directory");
        }
        return checked(p, "GOVER_HOME");
    }
    if (const auto home = env("HOME"); home && !home->empty()) {
        std::filesystem::path p(*home);
        if (!p.is_absolute()) {
            return fail(ErrorCode::usage,
                        "HOME is not an absolute path: " + p.string() +
                            " (gover would keep its store in " + (p / ".gover").string() + ")",
                        "set HOME, or GOVER_HOME, to an absolute directory");
        }
        return checked(p / ".gover", "the default GOVER_HOME ($HOME/.gover)");
    }
    return fail(ErrorCode::usage, "neither GOVER_HOME nor HOME is set",
                "set GOVER_HOME to the directory gover should use");
}

} // namespace gover
