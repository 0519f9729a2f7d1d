// `gover outdated [--json]` (README "Keeping Go up to date"): for the pin that selects here and
// the global pin, the newest release of its series, the newest stable release and whether its
// series is still supported, e.g.
//   1.22.5  /p/.tool-versions:1  → 1.22.7 (newest 1.22.x); newest 1.25.1; 1.22 unsupported
// Exit 1 when any pin is behind its series or on an unsupported one, so CI can gate on it.
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "core/layout.hpp"
#include "core/platform.hpp"
#include "gover/base/json_writer.hpp"
#include "gover/currency/currency.hpp"
#include "gover/currency/pins.hpp"
#include "gover/source/source_choice.hpp"
#include "output.hpp"

namespace gover::cli {
namespace {

struct Row {
    Selection pin;
    Currency currency;
};

std::string text_line(const Row& row) {
    const Currency& c = row.currency;
    const std::string series = c.version.major() + "." + c.version.minor();
    std::string out = c.version.str() + "  " + row.pin.source.describe() + "  ";
    out += c.behind() ? "→ " + c.latest_patch.str() : std::string("up to date");
    out += " (newest " + series_name(c.version) + "); newest " + c.latest.str() + "; " + series;
    out += c.supported ? " supported" : " unsupported";
    return out + "\n";
}

std::string json_item(const Row& row) {
    const Currency& c = row.currency;
    const PinSource& source = row.pin.source;
    return json_object({{"version", c.version.str()},
                        {"source", source.path},
                        {"line", json_line_number(source.line)},
                        {"latest_patch", c.latest_patch.str()},
                        {"latest", c.latest.str()},
                        {"supported", c.supported},
                        {"outdated", c.outdated}});
}

Result<std::vector<AvailableRelease>> source_releases(const Layout& layout) {
    const auto source = source_from_environment(layout);
    if (!source) {
        return tl::unexpected(source.error());
    }
    ListOptions list;
    list.platform = host_platform();
    list.notice = [](const std::string& text) { notice(text); };
    return (*source)->releases(list);
}

int run_outdated(bool json) {
    auto layout = Layout::from_environment();
    if (!layout) {
        return report(layout.error());
    }
    auto pins = pins_here_and_global(SelectionEnv::from_process(*layout));
    if (!pins) {
        return report(pins.error());
    }
    std::vector<Selection> judged;
    for (const Selection& pin : *pins) {
        if (pin.is_system()) {
            notice("system (" + pin.source.phrase() + ") is not a release gover can judge");
        } else {
            judged.push_back(pin);
        }
    }
    std::vector<Row> rows;
    if (!judged.empty()) { // nothing to judge: no need to ask the source
        auto releases = source_releases(*layout);
        if (!releases) {
            return report(releases.error());
        }
        for (const Selection& pin : judged) {
            rows.push_back(Row{pin, judge_currency(*releases, judged_version(pin))});
        }
    }
    std::string out;
    std::vector<std::string> items;
    bool any_outdated = false;
    for (const Row& row : rows) {
        any_outdated = any_outdated || row.currency.outdated;
        out += text_line(row);
        items.push_back(json_item(row));
    }
    print(json ? json_array(items, 2) : out);
    return any_outdated ? k_exit_failure : k_exit_ok;
}

} // namespace

void add_outdated(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand(
        "outdated", "Say whether the pinned Go versions are behind their series or unsupported");
    auto json = std::make_shared<bool>(false);
    cmd->add_flag("--json", *json,
                  "Print [{\"version\", \"source\", \"line\", \"latest_patch\", \"latest\", "
                  "\"supported\", \"outdated\"}] as JSON");
    cmd->footer(
        "Examples:\n"
        "  gover outdated\n"
        "  1.22.5  /src/app/.tool-versions:1  → 1.22.7 (newest 1.22.x); newest 1.25.1; 1.22 "
        "unsupported\n"
        "  gover outdated || gover upgrade   # in CI: exit 1 means behind or unsupported\n"
        "\nLooks at the pin that selects here and the global pin. Exit 1 when any is behind the\n"
        "newest patch of its series or on a series Go no longer supports (Go supports its two\n"
        "newest major releases), 0 otherwise.");
    cmd->callback([&ctx, json] { ctx.action = [json] { return run_outdated(*json); }; });
}

} // namespace gover::cli
