#include "gover/doctor/facts.hpp"

namespace gover::doctor {
namespace {

std::filesystem::path normal(const std::filesystem::path& p) {
    std::filesystem::path n = p.lexically_normal();
    if (n.has_relative_path() && n.filename().empty()) {
        n = n.parent_path(); // "/a/b/" -> "/a/b"
    }
    return n;
}

} // namespace

bool Facts::is_shims_dir(const std::filesystem::path& dir) const {
    const auto shims = normal(layout.shims_dir());
    if (normal(dir) == shims) {
        return true;
    }
    const auto a = sys->canonical(dir);
    const auto b = sys->canonical(shims);
    return a && b && *a == *b;
}

std::vector<Facts::Hit> Facts::find_on_path(const std::string& name) const {
    std::vector<Hit> out;
    for (std::size_t i = 0; i < path.size(); ++i) {
        const auto file = path[i] / name;
        const FileInfo info = sys->stat(file);
        if (info.is_file() && info.executable) {
            out.push_back(Hit{file, i});
        }
    }
    return out;
}

std::optional<std::filesystem::path> Facts::selected_go() const {
    switch (selection.state) {
    case SelectionFacts::State::selected:
        if (selection.version) {
            return layout.version_dir(*selection.version) / "bin" / "go";
        }
        return std::nullopt;
    case SelectionFacts::State::system:
        for (const auto& hit : find_on_path("go")) {
            if (!is_shims_dir(path[hit.index])) {
                return hit.file;
            }
        }
        return std::nullopt;
    default:
        return std::nullopt;
    }
}

std::optional<std::filesystem::path> Facts::selected_root() const {
    if (selection.state == SelectionFacts::State::selected && selection.version) {
        return layout.version_dir(*selection.version);
    }
    if (auto go = selected_go()) {
        return toolchain_root(*sys, *go);
    }
    return std::nullopt;
}

const StoreRecord& Facts::record(const GoVersion& version) const {
    auto it = records.find(version.str());
    if (it == records.end()) {
        it = records.emplace(version.str(), sys->store_record(layout, version)).first;
    }
    return it->second;
}

std::optional<std::string> Facts::go_setting(const std::string& name) const {
    // Go treats an empty variable as unset and falls back to the go env file.
    if (auto v = sys->env(name); v && !v->empty()) {
        return v;
    }
    if (const auto* s = go_env.find(name)) {
        return s->value;
    }
    return std::nullopt;
}

std::vector<StartupLine> Facts::startup_lines_setting(const std::string& variable) const {
    std::vector<StartupLine> out;
    for (const auto& file : startup) {
        for (std::size_t i = 0; i < file.lines.size(); ++i) {
            for (const auto& a : parse_assignments(file.lines[i], file.shell)) {
                if (a.name == variable) {
                    out.push_back(file.line(static_cast<int>(i + 1)));
                    break;
                }
            }
        }
    }
    return out;
}

std::optional<std::filesystem::path> toolchain_root(const System& sys,
                                                    const std::filesystem::path& go) {
    auto real = sys.canonical(go);
    if (!real) {
        return std::nullopt;
    }
    const auto bin = real->parent_path();
    if (bin.filename() != "bin") {
        return std::nullopt;
    }
    return bin.parent_path();
}

Result<Facts> gather_facts(const System& sys) {
    Facts facts;
    facts.sys = &sys;
    const auto home = sys.env("HOME");
    if (home && !home->empty()) {
        facts.home = *home;
    }
    if (auto gh = sys.env("GOVER_HOME"); gh && !gh->empty()) {
        const std::filesystem::path p(*gh);
        if (!p.is_absolute()) {
            return fail(ErrorCode::usage, "GOVER_HOME is not an absolute path: " + p.string(),
                        "set GOVER_HOME to an absolute directory");
        }
        facts.layout = Layout(normal(p));
    } else if (!facts.home.empty()) {
        facts.layout = Layout(facts.home / ".gover");
    } else {
        return fail(ErrorCode::usage, "neither GOVER_HOME nor HOME is set",
                    "set GOVER_HOME to the directory gover should use");
    }
    facts.host = sys.host();
    facts.platform = platform_from_facts(facts.host.facts);
    if (auto p = sys.env("PATH")) {
        std::string_view rest = *p;
        while (true) {
            const auto colon = rest.find(':');
            const std::string_view entry = rest.substr(0, colon);
            if (!entry.empty()) {
                facts.path.emplace_back(std::string(entry));
            }
            if (colon == std::string_view::npos) {
                break;
            }
            rest.remove_prefix(colon + 1);
        }
    }
    for (std::size_t i = 0; i < facts.path.size(); ++i) {
        if (facts.is_shims_dir(facts.path[i])) {
            facts.shims_at = i;
            break;
        }
    }
    facts.selection = sys.selection(facts.layout);
    facts.installed = sys.installed_versions(facts.layout);
    facts.module = sys.module_minimum(facts.layout);
    facts.go_env = read_go_env_file(sys, facts.platform.os);
    if (!facts.home.empty()) {
        facts.startup = read_startup_files(sys, facts.home);
    }
    return facts;
}

} // namespace gover::doctor
