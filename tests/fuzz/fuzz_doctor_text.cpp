// The text doctor reads from the user's files: shell startup lines (every shell's syntax, read
// whatever $SHELL is) and the `go env -w` file. Properties: never crashes; an assignment has a
// name; the go env file keeps one setting per name with a real line number.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "gover/doctor/go_env_file.hpp"
#include "gover/doctor/startup_files.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    using gover::doctor::Shell;
    for (auto shell : {Shell::sh, Shell::bash, Shell::zsh, Shell::fish}) {
        for (const auto& assignment : gover::doctor::parse_assignments(text, shell)) {
            if (assignment.name.empty()) {
                std::abort();
            }
            (void)gover::doctor::path_entries(assignment, "/home/u");
        }
    }
    (void)gover::doctor::is_gover_init(text);
    (void)gover::doctor::starts_other_go_manager(text);

    int lines = 1;
    for (char c : text) {
        lines += c == '\n' ? 1 : 0;
    }
    std::set<std::string> names;
    for (const auto& setting : gover::doctor::parse_go_env(text)) {
        if (setting.name.empty() || !names.insert(setting.name).second || setting.line < 1 ||
            setting.line > lines) {
            std::abort();
        }
    }
    return 0;
}
