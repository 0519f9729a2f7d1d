// `gover current [--json]` (README "Commands"): the selected version and what selected it, e.g.
// `1.22.5 (set by /src/app/.tool-versions:3)` or `1.22.5 (required by /src/app/go.mod:3)`.
// Pinned but not installed (or `system` with no system go): the line still prints (JSON
// "installed": false) with a warning.
#include <cstdio>
#include <memory>
#include <string>

#include "commands.hpp"
#include "core/layout.hpp"
#include "core/selection.hpp"
#include "gover/base/json_writer.hpp"
#include "output.hpp"
#include "toolchain_choice.hpp"

namespace gover::cli {
namespace {

int run_current(bool json) {
    auto layout = Layout::from_environment();
    if (!layout) {
        return report(layout.error());
    }
    auto selection = select_version(SelectionEnv::from_process(*layout));
    if (!selection) {
        return report(selection.error());
    }
    const Selection& s = *selection;
    if (s.unread) {
        warn(s.unread->message() + ": a pin there was not seen");
    }
    // `system` is there when a go outside the shims is.
    const Status system_go = s.is_system() ? require_system_go(*layout) : Status{};
    const bool installed = s.is_system() ? static_cast<bool>(system_go) : s.runnable();
    if (json) {
        print(json_object({{"version", s.version_text()},
                           {"source", s.source.path},
                           {"line", json_line_number(s.source.line)},
                           {"installed", installed}}) +
              "\n");
    } else {
        print(s.version_text() + " (" + s.source.phrase() + ")\n");
    }
    if (!installed) {
        const Error e = s.is_system() ? system_go.error() : s.not_installed_error();
        warn(e.message + " (" + e.hint + ")");
    }
    return k_exit_ok;
}

} // namespace

void add_current(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("current", "Print the selected Go version and what selected it");
    auto json = std::make_shared<bool>(false);
    cmd->add_flag("--json", *json,
                  "Print {\"version\", \"source\", \"line\", \"installed\"} as JSON");
    cmd->footer("Example:\n  gover current\n  1.22.5 (set by /src/app/.tool-versions:3)");
    cmd->callback([&ctx, json] { ctx.action = [json] { return run_current(*json); }; });
}

} // namespace gover::cli
