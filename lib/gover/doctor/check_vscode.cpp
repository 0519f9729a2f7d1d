// VS Code's Go extension ignores PATH when its settings name a toolchain: go.goroot and
// go.alternateTools.go. Only a note: it is the user's choice, but it is not gover's selection.
#include <cctype>

#include <nlohmann/json.hpp>

#include "gover/doctor/checks.hpp"

namespace gover::doctor {
namespace {

constexpr std::size_t k_max_settings_size = 4u << 20;

// Copies a JSON string literal starting at in[i] and returns the index of its closing quote.
std::size_t copy_string(const std::string& in, std::size_t i, std::string& out) {
    const std::size_t start = i;
    for (++i; i < in.size() && in[i] != '"'; ++i) {
        if (in[i] == '\\') {
            ++i;
        }
    }
    out.append(in, start, i - start + 1);
    return i;
}

// settings.json is JSON with comments and trailing commas: drop both for the parser.
std::string strip_jsonc(const std::string& in) {
    std::string plain;
    plain.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '"') {
            i = copy_string(in, i, plain);
        } else if (in[i] == '/' && i + 1 < in.size() && in[i + 1] == '/') {
            while (i < in.size() && in[i] != '\n') {
                ++i;
            }
            plain += '\n';
        } else if (in[i] == '/' && i + 1 < in.size() && in[i + 1] == '*') {
            const auto end = in.find("*/", i + 2);
            i = end == std::string::npos ? in.size() : end + 1;
            plain += ' ';
        } else {
            plain += in[i];
        }
    }
    std::string out;
    out.reserve(plain.size());
    for (std::size_t i = 0; i < plain.size(); ++i) {
        if (plain[i] == '"') {
            i = copy_string(plain, i, out);
            continue;
        }
        if (plain[i] == ',') {
            std::size_t j = i + 1;
            while (j < plain.size() && std::isspace(static_cast<unsigned char>(plain[j]))) {
                ++j;
            }
            if (j < plain.size() && (plain[j] == '}' || plain[j] == ']')) {
                continue;
            }
        }
        out += plain[i];
    }
    return out;
}

std::vector<std::filesystem::path> settings_files(const Facts& facts) {
    std::vector<std::filesystem::path> out;
    std::filesystem::path base;
    if (facts.platform.os == "darwin") {
        base = facts.home / "Library" / "Application Support";
    } else if (auto xdg = facts.sys->env("XDG_CONFIG_HOME"); xdg && !xdg->empty()) {
        base = *xdg;
    } else {
        base = facts.home / ".config";
    }
    for (const char* app : {"Code", "Code - Insiders", "VSCodium", "Cursor"}) {
        out.push_back(base / app / "User" / "settings.json");
    }
    // The workspace's own settings: the nearest .vscode/ walking up from the working directory.
    for (auto dir = facts.sys->cwd(); !dir.empty(); dir = dir.parent_path()) {
        const auto candidate = dir / ".vscode" / "settings.json";
        if (facts.sys->stat(candidate).is_file()) {
            out.push_back(candidate);
            break;
        }
        if (dir == dir.parent_path()) {
            break;
        }
    }
    return out;
}

bool is_selected(const Facts& facts, const std::filesystem::path& p, bool is_go_binary) {
    if (is_go_binary && facts.is_shims_dir(p.parent_path())) {
        return true;
    }
    const auto selected = is_go_binary ? facts.selected_go() : facts.selected_root();
    if (!selected) {
        return false;
    }
    const auto a = facts.sys->canonical(p);
    const auto b = facts.sys->canonical(*selected);
    return a && b && *a == *b;
}

} // namespace

void check_vscode(const Facts& facts, Findings& out) {
    for (const auto& file : settings_files(facts)) {
        const auto text = facts.sys->read(file, 0, k_max_settings_size);
        if (!text) {
            continue;
        }
        const auto json = nlohmann::json::parse(strip_jsonc(*text), nullptr, false);
        if (!json.is_object()) {
            continue;
        }
        if (auto it = json.find("go.goroot");
            it != json.end() && it->is_string() && !it->get<std::string>().empty()) {
            const std::string root = it->get<std::string>();
            if (!is_selected(facts, root, false)) {
                out.push_back(make_finding(
                    "vscode", Severity::info, file.string() + " go.goroot",
                    file.string() + " sets \"go.goroot\" to " + root +
                        ": VS Code's Go extension (gopls, tests, debugging) uses that toolchain "
                        "instead of the one gover selects",
                    "remove \"go.goroot\" from " + file.string() +
                        " (the extension then runs go from PATH: gover's shim)"));
            }
        }
        const auto tools = json.find("go.alternateTools");
        if (tools == json.end() || !tools->is_object()) {
            continue;
        }
        if (auto go = tools->find("go");
            go != tools->end() && go->is_string() && !go->get<std::string>().empty()) {
            const std::string path = go->get<std::string>();
            // A bare name is looked up on PATH (gover's shim); ${...} is the editor's to expand.
            const bool named =
                path.find('/') != std::string::npos && path.find("${") == std::string::npos;
            if (named && !is_selected(facts, path, true)) {
                out.push_back(make_finding(
                    "vscode", Severity::info, file.string() + " go.alternateTools",
                    file.string() + " sets \"go.alternateTools\" go to " + path +
                        ": VS Code's Go extension runs that go instead of the one gover selects",
                    "remove the \"go\" entry of \"go.alternateTools\" from " + file.string() +
                        ", or set it to " + (facts.layout.shims_dir() / "go").string()));
            }
        }
    }
}

} // namespace gover::doctor
