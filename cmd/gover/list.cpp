// `gover list [--json]` (README "Commands"): installed versions, newest first; the selected one
// reads "1.22.6  (selected by /p/.tool-versions:1)", one `gover import` could not verify
// "1.21.0  (imported, unverified)".
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "commands.hpp"
#include "core/installed.hpp"
#include "core/layout.hpp"
#include "core/selection.hpp"
#include "gover/base/json_writer.hpp"
#include "gover/store/install_meta.hpp"
#include "output.hpp"

namespace gover::cli {
namespace {

// `gover import` took it as it was (README "Migrating"); a record that cannot be read is
// doctor's to report, not list's.
bool is_unverified_import(const Layout& layout, const GoVersion& version) {
    auto meta = read_install_meta(layout, version);
    return meta && *meta && !(*meta)->verified;
}

int run(bool json) {
    auto layout = Layout::from_environment();
    if (!layout) {
        return report(layout.error());
    }
    const auto versions = installed_versions(*layout);
    // A broken or missing pin does not stop the listing; doctor and current explain it.
    std::optional<Selection> selected;
    if (auto selection = select_version(SelectionEnv::from_process(*layout));
        selection && selection->version) {
        selected = *selection;
    }
    std::string out;
    if (json) {
        std::vector<std::string> items;
        for (const auto& version : versions) {
            const bool is_selected = selected && *selected->version == version;
            items.push_back(json_object({{"version", version.str()},
                                         {"path", layout->version_dir(version).string()},
                                         {"selected", is_selected}}));
        }
        out = json_array(items, 1);
    } else {
        for (const auto& version : versions) {
            out += version.str();
            if (selected && *selected->version == version) {
                out += "  (selected by " + selected->source.describe() + ")";
            }
            if (is_unverified_import(*layout, version)) {
                out += "  (imported, unverified)";
            }
            out += "\n";
        }
        if (versions.empty()) {
            notice("No Go versions are installed (try 'gover install latest')");
        }
    }
    print(out);
    return k_exit_ok;
}

} // namespace

void add_list(CLI::App& app, Context& ctx) {
    auto json = std::make_shared<bool>(false);
    auto* cmd = app.add_subcommand("list", "List installed Go versions, newest first");
    cmd->add_flag("--json", *json, "Print a JSON array of {\"version\", \"path\", \"selected\"}");
    cmd->footer("Example:\n  gover list --json");
    cmd->callback([&ctx, json] { ctx.action = [json] { return run(*json); }; });
}

} // namespace gover::cli
