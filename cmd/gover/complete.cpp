// `gover complete <kind>...`: the words the shell completion scripts offer, one a line, with a
// tab and a description where there is one. Hidden from --help: it is an interface for
// packaging/completions/, not for people. It never touches the network, so <Tab> is instant
// and works offline: remote versions come from the cached index only.
//
//   commands            the visible subcommands
//   options [command]   the options of gover or of a subcommand
//   installed           installed versions, newest first
//   remote              versions in the cached index for this platform, newest first
//   tools               the names in shims/ (for `gover which`)
//   platforms           the platforms the cached index has archives for
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "commands.hpp"
#include "core/installed.hpp"
#include "core/layout.hpp"
#include "core/platform.hpp"
#include "gover/source/source_choice.hpp"
#include "output.hpp"

namespace gover::cli {
namespace {

// Collects words once each, in the order first seen.
class Words {
  public:
    void add(const std::string& word, const std::string& description = {}) {
        if (word.empty() || !seen_.insert(word).second) {
            return;
        }
        std::string line = word;
        if (!description.empty()) {
            line += "\t" + description;
        }
        lines_.push_back(std::move(line));
    }
    int print() const {
        for (const auto& line : lines_) {
            std::fputs((line + "\n").c_str(), stdout);
        }
        return std::fflush(stdout) == 0 ? k_exit_ok : k_exit_failure;
    }

  private:
    std::set<std::string> seen_;
    std::vector<std::string> lines_;
};

bool is_hidden(const CLI::App* sub) {
    return sub->get_group().empty();
}

void add_commands(CLI::App& app, Words& words) {
    for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
        if (!is_hidden(sub)) {
            words.add(sub->get_name(), sub->get_description());
        }
    }
}

void add_options(const CLI::App& app, Words& words) {
    for (const CLI::Option* opt : app.get_options()) {
        if (!opt->nonpositional() || opt->get_group().empty()) {
            continue;
        }
        for (const auto& name : opt->get_lnames()) {
            words.add("--" + name, opt->get_description());
        }
        for (const auto& name : opt->get_snames()) {
            words.add("-" + name, opt->get_description());
        }
    }
}

// What the source has cached (never the network: this runs at every TAB). Empty when nothing
// is cached: no words.
std::vector<AvailableRelease> cached_releases(const Layout& layout) {
    ListOptions options;
    options.cached_only = true;
    const auto source = source_from_environment(layout);
    if (!source) {
        return {};
    }
    auto releases = (*source)->releases(options);
    return releases ? std::move(*releases) : std::vector<AvailableRelease>{};
}

// Stable releases for this platform, and pre-releases newer than the newest stable one (an rc
// people are trying); older pre-releases would bury the useful words.
void add_remote(const Layout& layout, Words& words) {
    const Platform host = host_platform();
    bool seen_stable = false;
    for (const auto& release : cached_releases(layout)) {
        if (!release.has(host)) {
            continue;
        }
        if (release.stable || !seen_stable) {
            words.add(release.version.str());
        }
        seen_stable = seen_stable || release.stable;
    }
}

void add_platforms(const Layout& layout, Words& words) {
    std::set<std::string> platforms;
    for (const auto& release : cached_releases(layout)) {
        for (const auto& platform : release.platforms) {
            platforms.insert(platform.str());
        }
    }
    for (const auto& platform : platforms) {
        words.add(platform);
    }
}

void add_tools(const Layout& layout, Words& words) {
    std::set<std::string> names;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(layout.shims_dir(), ec), end; !ec && it != end;
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.empty() && name[0] != '.') {
            names.insert(name);
        }
    }
    for (const auto& name : names) {
        words.add(name);
    }
}

CLI::App* find_subcommand(CLI::App& app, const std::string& name) {
    auto subs = app.get_subcommands([&name](CLI::App* sub) { return sub->get_name() == name; });
    return subs.empty() ? nullptr : subs.front();
}

int run_complete(CLI::App& app, const std::vector<std::string>& args) {
    Words words;
    if (args.front() == "options") {
        if (args.size() > 2) {
            return report(Error{ErrorCode::usage, "gover complete options takes one command",
                                "run 'gover complete options install'"});
        }
        CLI::App* target = &app;
        if (args.size() == 2) {
            target = find_subcommand(app, args[1]);
            if (!target) {
                return report(Error{ErrorCode::usage, "no such command: " + args[1],
                                    "run 'gover complete commands'"});
            }
        }
        add_options(*target, words);
        return words.print();
    }
    std::optional<Layout> layout;
    for (const auto& kind : args) {
        if (kind == "commands") {
            add_commands(app, words);
            continue;
        }
        if (kind != "installed" && kind != "remote" && kind != "tools" && kind != "platforms") {
            return report(Error{ErrorCode::usage, "gover complete does not know '" + kind + "'",
                                "use commands, options, installed, remote, tools or platforms"});
        }
        if (!layout) {
            auto found = Layout::from_environment();
            if (!found) {
                return report(found.error());
            }
            layout = *found;
        }
        if (kind == "installed") {
            for (const auto& version : installed_versions(*layout)) {
                words.add(version.str());
            }
        } else if (kind == "remote") {
            add_remote(*layout, words);
        } else if (kind == "tools") {
            add_tools(*layout, words);
        } else {
            add_platforms(*layout, words);
        }
    }
    return words.print();
}

} // namespace

void add_complete(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("complete", "Words for the shell completion scripts");
    cmd->group(""); // hidden: an interface for packaging/completions/, not for people
    auto args = std::make_shared<std::vector<std::string>>();
    cmd->add_option("kind", *args,
                    "commands, options [command], installed, remote, tools, platforms")
        ->required();
    cmd->callback(
        [&app, &ctx, args] { ctx.action = [&app, args] { return run_complete(app, *args); }; });
}

} // namespace gover::cli
