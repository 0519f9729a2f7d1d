#pragma once
// A toolchain already on the machine as a ToolchainFetch, so `gover import` goes through the
// installer's own transaction (lock, re-check, staging under tmp/, VERSION check, meta/, one
// rename): an import racing an install of the same version ends with one whole version.
//
// A module-cache toolchain is proven first: the checksum database's h1: for
// golang.org/toolchain@<module version> (GOSUMDB=off and the like fail here, before anything is
// copied), then the tree is staged while its h1: is computed (tree_copy.hpp), and the two must
// be equal before the staging tree can be renamed into versions/. Any other tree is staged as it
// is and recorded as unverified.

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "gover/import/import_places.hpp"
#include "gover/source/toolchain_source.hpp"
#include "gover/sumdb/sumdb_client.hpp"

namespace gover {

// The database's proven record of a golang.org/toolchain module version (GoproxySource::prove;
// a fake in tests).
using ModuleProver = std::function<Result<sumdb::SumdbLookup>(const std::string& module_version)>;

struct LocalToolchain {
    std::filesystem::path path;
    ImportKind kind = ImportKind::tree;
    std::string module_version; // module_cache only: v0.0.1-go1.22.5.linux-amd64
};

// The fetch's record: source "import", imported_from the tree, verified for a module-cache
// toolchain (with the module version, h1: and the database's tree), the manifest. Errors:
// ErrorCode::checksum for an h1: the database contradicts; the prover's; copy_toolchain_tree's.
std::unique_ptr<ToolchainFetch> make_local_tree_fetch(LocalToolchain toolchain, ModuleProver prove);

// The ToolchainSource the installer's transaction is given for an import: it lists nothing and
// vouches for every record (an import never replaces an installed version, so an installed one
// is simply "already installed").
std::unique_ptr<ToolchainSource> make_import_source();

} // namespace gover
