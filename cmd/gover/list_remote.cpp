// `gover list-remote [spec] [--all] [--json] [--platform OS-ARCH]` (README "Commands"): the
// versions the mirror has an archive for on the platform, newest first. The spec is a filter
// (README "Commands"): a series lists all its releases, an exact version itself, latest the newest
// stable one.
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "core/layout.hpp"
#include "core/platform.hpp"
#include "core/spec.hpp"
#include "gover/base/json_writer.hpp"
#include "gover/source/source_choice.hpp"
#include "output.hpp"

namespace gover::cli {
namespace {

struct ListRemoteOptions {
    std::string spec;
    bool all = false;
    bool json = false;
    std::string platform;
};

struct Row {
    std::string version;
    bool stable = false;
};

// Which releases to print, newest first.
std::vector<Row> select_rows(const std::vector<AvailableRelease>& releases,
                             const Platform& platform, const std::optional<VersionRequest>& filter,
                             bool all) {
    std::vector<Row> rows;
    const bool exact = filter && filter->kind == VersionRequest::Kind::exact;
    const bool latest = filter && filter->kind == VersionRequest::Kind::latest;
    for (const auto& release : releases) {
        if (!release.has(platform)) {
            continue;
        }
        if (filter && !matches(*filter, release.version)) {
            continue;
        }
        // Pre-releases only with --all, unless the user named one exactly.
        if (!release.stable && !all && !exact) {
            continue;
        }
        if (latest && (!release.stable || release.version.is_prerelease())) {
            continue;
        }
        rows.push_back(Row{release.version.str(), release.stable});
        if (latest) {
            break;
        }
    }
    return rows;
}

// Why nothing was listed, as precisely as the index allows.
Error nothing_listed(const std::vector<AvailableRelease>& releases, const std::string& location,
                     const Platform& platform, const std::optional<VersionRequest>& filter,
                     const std::string& spec, bool all) {
    if (!filter) {
        return Error{ErrorCode::not_found,
                     "no Go release on " + location + " has an archive for " + platform.str(),
                     "check --platform: go.dev names platforms like linux-amd64 or darwin-arm64"};
    }
    bool any_match = false;
    bool any_stable_match = false;
    for (const auto& release : releases) {
        if (matches(*filter, release.version)) {
            any_match = true;
            any_stable_match = any_stable_match || release.stable;
        }
    }
    if (any_match && !any_stable_match && !all) {
        return Error{ErrorCode::not_found, "no stable Go release matches " + spec,
                     "add --all to include pre-releases"};
    }
    if (any_match) {
        return Error{ErrorCode::not_found,
                     "no Go release matching " + spec + " has an archive for " + platform.str(),
                     "try another --platform, e.g. --platform linux-amd64"};
    }
    std::string newest;
    for (const auto& release : releases) {
        if (release.stable) {
            newest = " (newest is " + release.version.str() + ")";
            break;
        }
    }
    return Error{ErrorCode::not_found, "no Go release matches " + spec + newest,
                 "run 'gover list-remote' to see the releases"};
}

void print_rows(const std::vector<Row>& rows, bool json) {
    std::string out;
    if (json) {
        std::vector<std::string> items;
        items.reserve(rows.size());
        for (const auto& row : rows) {
            items.push_back(json_object({{"version", row.version}, {"stable", row.stable}}));
        }
        out = json_array(items, 2);
    } else {
        for (const auto& row : rows) {
            out += row.version + "\n";
        }
    }
    print(out);
}

int run_list_remote(const ListRemoteOptions& options) {
    std::optional<VersionRequest> filter;
    if (!options.spec.empty()) {
        auto request = parse_spec(options.spec);
        if (!request) {
            return report(request.error());
        }
        if (auto release = require_release(*request); !release) {
            return report(release.error());
        }
        filter = *request;
    }
    Platform platform = host_platform();
    if (!options.platform.empty()) {
        auto parsed = Platform::parse(options.platform);
        if (!parsed) {
            return report(parsed.error());
        }
        platform = *parsed;
    }
    auto layout = Layout::from_environment();
    if (!layout) {
        return report(layout.error());
    }
    const auto source = source_from_environment(*layout);
    if (!source) {
        return report(source.error());
    }
    ListOptions list;
    list.notice = [](const std::string& text) { notice(text); };
    list.platform = platform;
    auto releases = (*source)->releases(list);
    if (!releases) {
        return report(releases.error());
    }
    const std::vector<Row> rows = select_rows(*releases, platform, filter, options.all);
    if (rows.empty()) {
        if (options.json) {
            print_rows(rows, true); // `[]`: stdout stays JSON; the exit status says why
        }
        return report(nothing_listed(*releases, (*source)->location(), platform, filter,
                                     options.spec, options.all));
    }
    print_rows(rows, options.json);
    return k_exit_ok;
}

} // namespace

void add_list_remote(CLI::App& app, Context& ctx) {
    auto options = std::make_shared<ListRemoteOptions>();
    CLI::App* cmd = app.add_subcommand(
        "list-remote", "List the Go versions the mirror has for this platform, newest first");
    cmd->add_option(
        "spec", options->spec,
        "Only versions matching this spec: a series (1.22), a version (1.22.5), latest");
    cmd->add_flag("--all", options->all, "Include pre-releases (1.23rc1, 1.21beta1)");
    cmd->add_flag("--json", options->json, "Print a JSON array of {\"version\", \"stable\"}");
    cmd->add_option("--platform", options->platform,
                    "List for OS-ARCH as go.dev names it (default: this machine), e.g. "
                    "darwin-arm64")
        ->check(non_empty_value());
    cmd->footer("Examples:\n"
                "  gover list-remote               # every stable release for this machine\n"
                "  gover list-remote 1.22          # the 1.22.x releases\n"
                "  gover list-remote --all --json  # with pre-releases, as JSON\n"
                "\nThe mirror is GOVER_MIRROR (default https://go.dev/dl/); its index is cached\n"
                "under $GOVER_HOME/cache for 10 minutes.");
    cmd->callback(
        [&ctx, options] { ctx.action = [options] { return run_list_remote(*options); }; });
}

} // namespace gover::cli
