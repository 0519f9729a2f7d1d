#include "toolchain_choice.hpp"

#include <cstdlib>

#include "core/environment.hpp"
#include "core/installed.hpp"
#include "core/spec.hpp"
#include "core/tool_exec.hpp"

namespace gover::cli {

Status require_system_go(const Layout& layout) {
    if (!find_system_tool("go", process_env_value("PATH"), layout)) {
        return fail(ErrorCode::not_found, "no go on PATH outside gover's shims",
                    "install Go system-wide, or name a version such as 1.22");
    }
    return {};
}

Result<Toolchain> selected_toolchain(const Layout& layout) {
    auto selection = select_version(SelectionEnv::from_process(layout));
    if (!selection) {
        return tl::unexpected(selection.error());
    }
    if (selection->is_system()) {
        return Toolchain{true, std::nullopt};
    }
    if (!selection->version) {
        return tl::unexpected(selection->not_installed_error());
    }
    return Toolchain{false, selection->version};
}

Result<Toolchain> installed_toolchain(const Layout& layout, std::string_view spec) {
    auto request = parse_spec(spec);
    if (!request) {
        return tl::unexpected(request.error());
    }
    if (request->kind == VersionRequest::Kind::system) {
        if (auto ok = require_system_go(layout); !ok) {
            return tl::unexpected(ok.error());
        }
        return Toolchain{true, std::nullopt};
    }
    auto version = resolve(*request, installed_versions(layout), PrereleaseFallback::yes);
    if (!version) {
        return fail(ErrorCode::not_installed, "no installed Go matches " + std::string(spec),
                    "run 'gover install " + std::string(spec) + "'");
    }
    return Toolchain{false, version};
}

Result<Toolchain> toolchain_for(const Layout& layout, const std::optional<std::string>& spec) {
    return spec ? installed_toolchain(layout, *spec) : selected_toolchain(layout);
}

} // namespace gover::cli
