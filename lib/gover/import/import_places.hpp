#pragma once
// Where `gover import` looks for Go toolchains already on the machine (README "Migrating"): one
// table of places, each a root (the home directory, Go's module cache, the system, or another
// manager's own directory) and a pattern below it whose '*' elements match directory names.
// Pure path logic plus directory listing; no toolchain is read here.

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/gobin.hpp"
#include "core/platform.hpp"
#include "core/version.hpp"

namespace gover {

// A module-cache toolchain (golang.org/toolchain@<module_version>) is proven by the checksum
// database; every other tree is taken as it is.
enum class ImportKind { module_cache, tree };

// The directories the places are relative to. Each may be empty (HOME unset): its places are
// not looked at.
struct ImportRoots {
    std::filesystem::path home;
    std::filesystem::path gomodcache;  // GOMODCACHE, as cmd/go finds it
    std::filesystem::path system{"/"}; // GOVER_IMPORT_ROOT, default /
    std::filesystem::path goenv_root;  // GOENV_ROOT, default ~/.goenv
    std::filesystem::path asdf_data;   // ASDF_DATA_DIR, default ~/.asdf
    std::filesystem::path mise_data;   // MISE_DATA_DIR, default ~/.local/share/mise

    // From the environment (and the go env file for GOMODCACHE/GOPATH). Relative values are
    // ignored, as cmd/go ignores them.
    static ImportRoots from_env(const EnvLookup& env, bool darwin);
};

struct ImportPlace {
    enum class Root { gomodcache, home, system, goenv, asdf, mise };
    std::string_view manager; // who leaves toolchains there, for messages: "golang.org/dl"
    Root root;
    std::string_view pattern; // below the root, '/'-separated; '*' elements are globs
    ImportKind kind;
};

// Every place, in the order they are looked at (module cache first: when two places hold one
// version, the verified copy is the one imported).
std::span<const ImportPlace> import_places();

struct ImportCandidate {
    std::filesystem::path path;
    ImportKind kind = ImportKind::tree;
    std::string manager; // the place's manager, or "command line"
};

// The directories the places hold, in table order and, within a place, sorted by name. A
// directory reached twice (mise's "latest" link, a Cellar reached by two prefixes) is listed
// once.
std::vector<ImportCandidate> scan_import_places(const ImportRoots& roots);

// What a module-cache directory's name says: golang.org/toolchain@v0.0.1-go1.22.5.linux-amd64.
struct ModuleCacheName {
    std::string module_version; // v0.0.1-go1.22.5.linux-amd64
    GoVersion version;
    Platform platform;
};

// The name of a module-cache toolchain directory (its last two elements golang.org and
// toolchain@v0.0.1-go<v>.<os>-<arch>), or nullopt when `dir` is not one.
std::optional<ModuleCacheName> module_cache_name(const std::filesystem::path& dir);

// A PATH given on the command line: a module-cache toolchain by its name, else a tree.
ImportCandidate candidate_for_path(const std::filesystem::path& dir);

} // namespace gover
