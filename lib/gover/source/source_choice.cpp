#include "gover/source/source_choice.hpp"

#include <cstdlib>

#include "gover/source/goproxy_source.hpp"
#include "gover/source/mirror_source.hpp"

namespace gover {

Result<SourceKind> source_kind_from_env(const EnvLookup& env) {
    const auto value = env("GOVER_SOURCE");
    if (!value || value->empty()) {
        return SourceKind::mirror;
    }
    return parse_source_kind(*value, "GOVER_SOURCE");
}

Result<SourceKind> parse_source_kind(std::string_view value, std::string_view where) {
    if (value == "mirror") {
        return SourceKind::mirror;
    }
    if (value == "goproxy") {
        return SourceKind::goproxy;
    }
    return fail(ErrorCode::usage,
                std::string(where) + " '" + std::string(value) + "' is not a source",
                "use mirror (GOVER_MIRROR, the default) or goproxy (GOPROXY and GOSUMDB)");
}

Result<std::unique_ptr<ToolchainSource>> source_from_env(const Layout& layout,
                                                         const EnvLookup& env) {
    const auto kind = source_kind_from_env(env);
    if (!kind) {
        return tl::unexpected(kind.error());
    }
    if (*kind == SourceKind::goproxy) {
#ifdef __APPLE__
        constexpr bool darwin = true;
#else
        constexpr bool darwin = false;
#endif
        return std::unique_ptr<ToolchainSource>(std::make_unique<GoproxySource>(
            layout, GoproxySettings::read(env, darwin), TransferSettings::from_env(env)));
    }
    return std::unique_ptr<ToolchainSource>(std::make_unique<MirrorSource>(
        layout, Mirror::from_env(env), TransferSettings::from_env(env)));
}

} // namespace gover
