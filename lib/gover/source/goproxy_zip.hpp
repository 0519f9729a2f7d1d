#pragma once
// A golang.org/toolchain module zip, checked and unpacked as cmd/go does (README "Installing
// through your company's Go module proxy"): every entry a regular file named <prefix><path> with
// a clean relative path, no two names equal ignoring case, at most the limits compressed and
// unpacked. The prefix is stripped; files under bin/ and pkg/tool/, and
// lib/.../go_<os>_<arch>_exec, become 0755, the others 0644; each _go.mod is also written as go.mod
// beside it. The h1: hash (sumdb/module_hash.hpp) is computed from the bytes as they are unpacked.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "gover/archive/manifest.hpp"

namespace gover {

struct ModuleZipLimits {
    std::uint64_t max_compressed = std::uint64_t(500) << 20;
    std::uint64_t max_unpacked = std::uint64_t(500) << 20;
};

struct UnpackedModule {
    std::string h1; // "h1:<base64>" over the zip's files as named in the zip
    Manifest manifest;
    std::uint64_t unpacked = 0; // bytes of file content written (go.mod copies included)
};

// Unpacks `zip` (a file) into `staging` (an empty directory). `prefix` is
// "golang.org/toolchain@<modversion>/"; `source` names the zip in messages (its URL). Errors:
// ErrorCode::archive naming the entry and what is wrong, io, interrupted.
Result<UnpackedModule> unpack_module_zip(const std::filesystem::path& zip, std::string_view prefix,
                                         const std::filesystem::path& staging,
                                         const std::string& source,
                                         const ModuleZipLimits& limits = {});

// Whether cmd/go makes this file (relative to the toolchain's root) executable.
bool toolchain_file_is_executable(std::string_view relative);

// Whether a relative path is clean: no empty, "." or ".." element, no leading or trailing '/',
// no backslash or control character.
bool is_clean_relative_path(std::string_view path);

} // namespace gover
