#include "gover/import/import_places.hpp"

#include <algorithm>
#include <array>
#include <fnmatch.h>
#include <set>

namespace gover {
namespace fs = std::filesystem;
namespace {

using Root = ImportPlace::Root;

constexpr std::string_view k_module_cache_prefix = "toolchain@v0.0.1-go";

// README "Migrating" lists the same places.
constexpr std::array k_places{
    ImportPlace{"Go's module cache", Root::gomodcache, "golang.org/toolchain@v0.0.1-go*",
                ImportKind::module_cache},
    ImportPlace{"golang.org/dl", Root::home, "sdk/go*", ImportKind::tree},
    ImportPlace{"the go.dev installer", Root::system, "usr/local/go", ImportKind::tree},
    ImportPlace{"Homebrew", Root::system, "opt/homebrew/Cellar/go/*/libexec", ImportKind::tree},
    ImportPlace{"Homebrew", Root::system, "opt/homebrew/Cellar/go@*/*/libexec", ImportKind::tree},
    ImportPlace{"Homebrew", Root::system, "usr/local/Cellar/go/*/libexec", ImportKind::tree},
    ImportPlace{"Homebrew", Root::system, "usr/local/Cellar/go@*/*/libexec", ImportKind::tree},
    ImportPlace{"goenv", Root::goenv, "versions/*", ImportKind::tree},
    ImportPlace{"asdf", Root::asdf, "installs/golang/*/go", ImportKind::tree},
    ImportPlace{"mise", Root::mise, "installs/go/*", ImportKind::tree},
};

const fs::path& root_of(const ImportRoots& roots, Root root) {
    switch (root) {
    case Root::gomodcache:
        return roots.gomodcache;
    case Root::home:
        return roots.home;
    case Root::system:
        return roots.system;
    case Root::goenv:
        return roots.goenv_root;
    case Root::asdf:
        return roots.asdf_data;
    case Root::mise:
        break;
    }
    return roots.mise_data;
}

// Sorted names of the directories (links to directories included) in `dir` matching `glob`.
std::vector<std::string> matching_dirs(const fs::path& dir, const std::string& glob) {
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        std::error_code type_ec;
        if (name.front() != '.' && fnmatch(glob.c_str(), name.c_str(), FNM_PERIOD) == 0 &&
            fs::is_directory(it->path(), type_ec)) {
            names.push_back(name);
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

// Every directory below `base` matching the pattern's elements from `element` on.
void expand(const fs::path& base, const std::vector<std::string>& elements, std::size_t element,
            std::vector<fs::path>& out) {
    if (element == elements.size()) {
        std::error_code ec;
        if (fs::is_directory(base, ec)) {
            out.push_back(base);
        }
        return;
    }
    const std::string& glob = elements[element];
    if (glob.find_first_of("*?[") == std::string::npos) {
        expand(base / glob, elements, element + 1, out);
        return;
    }
    for (const auto& name : matching_dirs(base, glob)) {
        expand(base / name, elements, element + 1, out);
    }
}

std::vector<std::string> split_pattern(std::string_view pattern) {
    std::vector<std::string> elements;
    while (!pattern.empty()) {
        const auto slash = pattern.find('/');
        elements.emplace_back(pattern.substr(0, slash));
        pattern = slash == std::string_view::npos ? std::string_view() : pattern.substr(slash + 1);
    }
    return elements;
}

// An absolute, non-empty value of `name`, else `fallback`.
fs::path absolute_or(const EnvLookup& env, const char* name, const fs::path& fallback) {
    if (auto value = env(name); value && fs::path(*value).is_absolute()) {
        return fs::path(*value).lexically_normal();
    }
    return fallback;
}

} // namespace

ImportRoots ImportRoots::from_env(const EnvLookup& env, bool darwin) {
    ImportRoots roots;
    roots.home = absolute_or(env, "HOME", {});
    roots.gomodcache = gomodcache_dir(env, darwin);
    roots.system = absolute_or(env, "GOVER_IMPORT_ROOT", "/");
    const fs::path home = roots.home;
    roots.goenv_root = absolute_or(env, "GOENV_ROOT", home.empty() ? fs::path() : home / ".goenv");
    roots.asdf_data = absolute_or(env, "ASDF_DATA_DIR", home.empty() ? fs::path() : home / ".asdf");
    const fs::path xdg_data =
        absolute_or(env, "XDG_DATA_HOME", home.empty() ? fs::path() : home / ".local" / "share");
    roots.mise_data =
        absolute_or(env, "MISE_DATA_DIR", xdg_data.empty() ? fs::path() : xdg_data / "mise");
    return roots;
}

std::span<const ImportPlace> import_places() {
    return k_places;
}

std::vector<ImportCandidate> scan_import_places(const ImportRoots& roots) {
    std::vector<ImportCandidate> out;
    std::set<fs::path> seen;
    for (const auto& place : k_places) {
        const fs::path& root = root_of(roots, place.root);
        if (root.empty()) {
            continue;
        }
        std::vector<fs::path> found;
        expand(root, split_pattern(place.pattern), 0, found);
        for (auto& dir : found) {
            std::error_code ec;
            const fs::path real = fs::canonical(dir, ec);
            if (!seen.insert(ec ? dir : real).second) {
                continue;
            }
            out.push_back(ImportCandidate{std::move(dir), place.kind, std::string(place.manager)});
        }
    }
    return out;
}

std::optional<ModuleCacheName> module_cache_name(const fs::path& dir) {
    fs::path clean = dir.lexically_normal();
    if (!clean.has_filename()) {
        clean = clean.parent_path();
    }
    const std::string name = clean.filename().string();
    if (clean.parent_path().filename() != "golang.org" ||
        !name.starts_with(k_module_cache_prefix)) {
        return std::nullopt;
    }
    // go<version>.<os>-<arch>: the version holds dots too, the platform none.
    const std::string rest = name.substr(k_module_cache_prefix.size());
    const auto dot = rest.rfind('.');
    if (dot == std::string::npos) {
        return std::nullopt;
    }
    auto version = GoVersion::parse(rest.substr(0, dot));
    auto platform = Platform::parse(rest.substr(dot + 1));
    if (!version || !platform || version->str() != rest.substr(0, dot) ||
        version->is_language_version()) {
        return std::nullopt;
    }
    return ModuleCacheName{name.substr(std::string_view("toolchain@").size()), *version, *platform};
}

ImportCandidate candidate_for_path(const fs::path& dir) {
    const bool module = module_cache_name(dir).has_value();
    return ImportCandidate{dir, module ? ImportKind::module_cache : ImportKind::tree,
                           "command line"};
}

} // namespace gover
