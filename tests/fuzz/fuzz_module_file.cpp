// go.mod and go.work, read in every module a user works in. Properties: never crashes; the
// minimum is a release (never a bare language version like 1.22), which can name a store
// directory (no '/' or ".."); its line is a real line of the file; a go.mod always yields a
// minimum; errors name the file and a line.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/text_lines.hpp"
#include "core/version_files.hpp"

namespace {

std::size_t line_count(std::string_view text) {
    std::size_t n = 0;
    for (gover::detail::LineCursor cursor(text); cursor.next();) {
        ++n;
    }
    return n;
}

void check(std::string_view text, gover::ModuleFileKind kind, std::string_view path) {
    auto result = gover::parse_module_file(text, path, kind);
    if (!result) {
        const std::string prefix = std::string(path) + ":";
        if (!result.error().message.starts_with(prefix)) {
            std::abort();
        }
        const auto line = std::strtoul(result.error().message.c_str() + prefix.size(), nullptr, 10);
        if (line < 1 || line > line_count(text)) {
            std::abort();
        }
        return;
    }
    if (!*result) {
        if (kind == gover::ModuleFileKind::go_mod) {
            std::abort(); // a go.mod without a go line still means go 1.16
        }
        return;
    }
    const auto& requirement = **result;
    const std::string name = requirement.minimum.str();
    if (requirement.minimum.is_language_version() || name.find('/') != std::string::npos ||
        name.find("..") != std::string::npos || !gover::GoVersion::parse(name)) {
        std::abort();
    }
    const bool implied = requirement.from == gover::ModuleRequirement::From::implied;
    if (implied != (requirement.line == 0) ||
        static_cast<std::size_t>(requirement.line) > line_count(text)) {
        std::abort();
    }
    // As a minimum request it must accept itself.
    const gover::VersionRequest request{gover::VersionRequest::Kind::minimum, requirement.minimum};
    if (!gover::matches(request, requirement.minimum)) {
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    check(text, gover::ModuleFileKind::go_mod, "/m/go.mod");
    check(text, gover::ModuleFileKind::go_work, "/m/go.work");
    return 0;
}
