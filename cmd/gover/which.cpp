// `gover which [tool]` (README "Commands"): the absolute path the shim would exec for `tool`
// (default go) here: versions/<v>/bin/<tool>, the go of a go1.X.Y name, or for system the first one
// on PATH that is not a shim.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <unistd.h>

#include "commands.hpp"
#include "core/environment.hpp"
#include "core/layout.hpp"
#include "core/selection.hpp"
#include "core/tool_exec.hpp"
#include "output.hpp"
#include "toolchain_choice.hpp"

namespace gover::cli {
namespace {

Result<std::string> tool_for(const Layout& layout, const std::string& name) {
    const ToolName tool = parse_tool_name(name);
    Toolchain chain;
    if (tool.pinned) {
        const VersionRequest exact{VersionRequest::Kind::exact, *tool.pinned};
        chain.version = resolve_installed(layout, exact);
        if (!chain.version) {
            return fail(ErrorCode::not_installed, "Go " + tool.pinned->str() + " is not installed",
                        "run 'gover install " + install_spec(exact) + "'");
        }
    } else {
        auto selected = selected_toolchain(layout);
        if (!selected) {
            return tl::unexpected(selected.error());
        }
        chain = *selected;
    }
    if (chain.system) {
        auto found = find_system_tool(tool.tool, process_env_value("PATH"), layout);
        if (!found) {
            return fail(ErrorCode::not_found, "no " + tool.tool + " on PATH outside gover's shims",
                        "install Go system-wide, or pin a version with 'gover use <spec>'");
        }
        return *found;
    }
    std::string path = tool_path(layout, *chain.version, tool.tool);
    if (::access(path.c_str(), X_OK) != 0) {
        return fail(ErrorCode::not_found,
                    "Go " + chain.version->str() + " has no " + tool.tool + " command (no " + path +
                        ")",
                    "see " + tool_path(layout, *chain.version, "") + " for its commands");
    }
    return path;
}

int run_which(const std::string& name) {
    // A tool is a command in a toolchain's bin/: a plain file name, never a path out of it.
    if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos ||
        name.find('\0') != std::string::npos) {
        return report(Error{ErrorCode::usage, "invalid tool name '" + name + "'",
                            "name a command such as go, gofmt or go1.22.5, without a directory"});
    }
    auto layout = Layout::from_environment();
    if (!layout) {
        return report(layout.error());
    }
    auto path = tool_for(*layout, name);
    if (!path) {
        return report(path.error());
    }
    print(*path + "\n");
    return k_exit_ok;
}

} // namespace

void add_which(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("which", "Print the path of the program a shim would run here");
    auto tool = std::make_shared<std::string>("go");
    cmd->add_option("tool", *tool, "The command: go (default), gofmt, go1.22.5, ...");
    cmd->footer("Example:\n  gover which gofmt\n  /home/me/.gover/versions/1.22.5/bin/gofmt");
    cmd->callback([&ctx, tool] { ctx.action = [tool] { return run_which(*tool); }; });
}

} // namespace gover::cli
