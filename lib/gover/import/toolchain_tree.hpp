#pragma once
// What a Go toolchain tree on disk is, before `gover import` copies it: the release its VERSION
// file names, and whether its bin/go runs here. Each refusal is the reason the import line
// gives ("skipped: <reason>"), as an Error whose message is that reason.

#include <filesystem>
#include <string_view>

#include "core/error.hpp"
#include "core/platform.hpp"
#include "core/version.hpp"

namespace gover {

// The release a VERSION file's text names: its first line, "go1.22.5" (later lines, such as
// "time ...", are ignored). ErrorCode::not_found for an empty file; ErrorCode::usage for a
// first line that is not a go.dev release name ("devel go1.23-abc", "go1.22.5-bigcorp").
Result<GoVersion> release_from_version_text(std::string_view text);

// release_from_version_text of `root`/VERSION; ErrorCode::not_found when there is none.
Result<GoVersion> read_tree_version(const std::filesystem::path& root);

// Whether bin/go is a program that runs on `host`: a regular file (link targets included),
// executable (unless `executable_required` is false: module-cache files stay 0444 until Go first
// runs them), and a native ELF/Mach-O for `host` or a script ("#!"). ErrorCode::not_found
// naming what is wrong.
Status check_tree_go(const std::filesystem::path& root, const Platform& host,
                     bool executable_required);

} // namespace gover
