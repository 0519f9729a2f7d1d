#include "gover/import/toolchain_tree.hpp"

#include <unistd.h>

#include "core/regular_file.hpp"
#include "gover/binary/binary_arch.hpp"

namespace gover {
namespace fs = std::filesystem;
namespace {

// A VERSION file is a line or two; a larger one is not Go's.
constexpr std::size_t k_max_version_file_bytes = 4096;

std::string_view first_line(std::string_view text) {
    text = text.substr(0, text.find('\n'));
    while (!text.empty() && (text.back() == '\r' || text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

} // namespace

Result<GoVersion> release_from_version_text(std::string_view text) {
    const std::string_view line = first_line(text);
    if (line.empty()) {
        return fail(ErrorCode::not_found, "VERSION is empty");
    }
    auto version = line.starts_with("go") ? GoVersion::parse(line.substr(2))
                                          : Result<GoVersion>(tl::unexpected(Error{}));
    if (!version || version->toolchain_name() != line || version->is_language_version()) {
        return fail(ErrorCode::usage,
                    "VERSION names '" + std::string(line.substr(0, 64)) + "', not a Go release");
    }
    return version;
}

Result<GoVersion> read_tree_version(const fs::path& root) {
    auto file = read_bounded_file((root / "VERSION").string(), k_max_version_file_bytes,
                                  Oversize::truncate);
    if (!file) {
        return tl::unexpected(file.error());
    }
    if (file->state != FileState::read) {
        return fail(ErrorCode::not_found, "no VERSION file");
    }
    return release_from_version_text(file->text);
}

Status check_tree_go(const fs::path& root, const Platform& host, bool executable_required) {
    const fs::path go = root / "bin" / "go";
    std::error_code ec;
    if (!fs::is_regular_file(go, ec)) {
        return fail(ErrorCode::not_found, "no bin/go");
    }
    if (executable_required && ::access(go.c_str(), X_OK) != 0) {
        return fail(ErrorCode::not_found, "bin/go is not executable");
    }
    auto info = read_binary_info(go);
    if (!info) {
        return fail(ErrorCode::not_found, "bin/go cannot be read: " + info.error().message);
    }
    if (info->format == BinaryInfo::Format::other) {
        auto head = read_bounded_file(go.string(), 2, Oversize::truncate);
        if (head && head->state == FileState::read && head->text == "#!") {
            return {};
        }
        return fail(ErrorCode::not_found, "bin/go is not a program this machine runs");
    }
    if (info->slice_for(host) == nullptr) {
        const std::string os = info->slices.empty() ? std::string("?") : info->slices.front().os;
        return fail(ErrorCode::not_found, "bin/go is for " + os + "/" + info->arch_list() +
                                              ", not this machine's " + host.os + "/" +
                                              goarch_of(host));
    }
    return {};
}

} // namespace gover
