#pragma once
// Copies a toolchain tree someone else installed into a staging directory, never modifying it:
// a file that nobody may write (Go's module cache makes every file 0444) is hard-linked where
// the file system allows, anything else is copied. Builds the manifest for meta/ as it goes.
//
// With module rules (a module-cache toolchain) the tree must be what Go unpacked from the
// module zip: directories and regular files only, files under bin/ and pkg/tool/ (and
// lib/.../go_<os>_<arch>_exec) made 0755, the others 0644, as an install through the proxy makes
// them; the go.mod copies Go made beside each _go.mod are not part of the module, so they are
// neither hashed nor copied but made again from the staged _go.mod; and the h1: of every other
// file, named <prefix><relative path>, is computed from the bytes staged.
//
// Without them (any other tree) it is taken as it is: modes kept (less setuid, setgid, sticky),
// a symlink staying inside the tree kept as a symlink, one leading out of it replaced by what it
// points at (a loop, or a link to nothing, is refused).

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/error.hpp"
#include "gover/archive/manifest.hpp"

namespace gover {

struct TreeCopyRules {
    // "golang.org/toolchain@v0.0.1-go1.22.5.linux-amd64/" for module rules; empty: as it is.
    std::string module_prefix;
};

struct CopiedTree {
    Manifest manifest;
    std::string h1;           // module rules only: "h1:<base64>" of the files hashed
    std::uint64_t bytes = 0;  // bytes of file content staged
    std::uint64_t linked = 0; // files hard-linked rather than copied
};

// Copies `from` into `to` (an existing, empty directory). Errors: ErrorCode::archive naming the
// entry that may not be taken (a special file; with module rules a symlink), io naming the path,
// interrupted (SIGINT/SIGTERM). On error `to` may hold anything: the caller removes it.
Result<CopiedTree> copy_toolchain_tree(const std::filesystem::path& from,
                                       const std::filesystem::path& to, const TreeCopyRules& rules);

} // namespace gover
