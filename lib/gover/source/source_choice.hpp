#pragma once
// Which ToolchainSource the commands use: the one place a source is chosen from the environment
// (README "Configuration"): GOVER_SOURCE (the CLI's --source sets it) is mirror (the default,
// GOVER_MIRROR) or goproxy (GOPROXY and GOSUMDB, README "Installing through your company's Go
// module proxy").

#include <memory>
#include <string_view>

#include "core/environment.hpp"
#include "core/error.hpp"
#include "core/layout.hpp"
#include "gover/source/toolchain_source.hpp"

namespace gover {

enum class SourceKind { mirror, goproxy };

// "mirror" or "goproxy"; anything else is ErrorCode::usage naming `where` (GOVER_SOURCE,
// --source) and the value.
Result<SourceKind> parse_source_kind(std::string_view value, std::string_view where);

// GOVER_SOURCE (unset or empty: mirror).
Result<SourceKind> source_kind_from_env(const EnvLookup& env);

// The source the environment selects, reading its settings now. `layout` must outlive it (its
// caches live there). An invalid GOVER_SOURCE is an error here, for the commands that fetch:
// the others (init in every new shell, current, doctor) never fail over it.
Result<std::unique_ptr<ToolchainSource>> source_from_env(const Layout& layout,
                                                         const EnvLookup& env);
inline Result<std::unique_ptr<ToolchainSource>> source_from_environment(const Layout& layout) {
    return source_from_env(layout, process_env());
}

} // namespace gover
