#pragma once
// Readers for the files that pin or require a Go version (README "Which version runs"):
// .tool-versions (asdf), .go-version (goenv) and $GOVER_HOME/global, go.mod and go.work (cmd/go).
// Parsing is pure (text in, answer out, `path` only names the file in messages) so a fuzzer can
// drive it; reading is separate, bounded, and touches regular files only.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/spec.hpp"
#include "core/version.hpp"

namespace gover {

// A pin file (.tool-versions, .go-version, global) larger than this is refused, never read
// whole: real ones are a few lines.
inline constexpr std::size_t k_max_pin_file_bytes = 64 * 1024;
// go.mod / go.work can be long (many requires), but not this long.
inline constexpr std::size_t k_max_module_file_bytes = 1024 * 1024;

// What one line of a pin file asks for.
struct PinLine {
    std::string key;                  // .tool-versions: "golang" or "go"; otherwise ""
    std::vector<std::string> words;   // the versions as written, in order (fallbacks follow)
    std::vector<VersionRequest> pins; // the same, parsed (parse_pin); never empty
    int line = 0;                     // 1-based line number in the file
};

// .tool-versions, as asdf reads it: the first line whose first word is `golang` or `go`, with
// its versions (`golang 1.22.5 1.21.0`: fallbacks, the first installed wins). `#` starts a
// comment anywhere; spaces, tabs, CRLF, a BOM, blank lines and a missing final newline are fine.
// nullopt when no such line has a version (asdf then keeps looking in the parent directory).
// Fails (bad_pin, "path:line: ...") on an invalid version or on binary content (a NUL byte).
Result<std::optional<PinLine>> parse_tool_versions(std::string_view text, std::string_view path);

// .go-version (goenv) and $GOVER_HOME/global: one pin, the first word of the first line that is
// not blank or a comment. Fails (bad_pin, naming path:line) when that is not a valid pin, when
// the file holds no version at all (path:1), or on binary content.
Result<PinLine> parse_version_file(std::string_view text, std::string_view path);

// The Go version a go.mod or go.work requires, read as cmd/go reads it.
struct ModuleRequirement {
    enum class From {
        toolchain, // `toolchain go1.22.5` (a `-suffix` is allowed and ignored)
        go,        // `go 1.22` / `go 1.22.5` / `go 1.21rc1`
        implied,   // a go.mod with neither line: cmd/go assumes go 1.16
    };
    GoVersion minimum; // a release: `go 1.22` means 1.22.0
    From from = From::go;
    int line = 0; // 1-based; 0 for From::implied
};

enum class ModuleFileKind { go_mod, go_work };

// go.mod / go.work: the higher of the `toolchain` and `go` lines (a valid file never has a
// toolchain below its go line; `toolchain default` counts as absent). `//` comments, blocks and
// CRLF are handled as cmd/go's lexer does. nullopt only for a go.work with neither line.
// Fails (bad_pin, "path:line: ...") where cmd/go would: an invalid or repeated go/toolchain
// line, binary content.
Result<std::optional<ModuleRequirement>>
parse_module_file(std::string_view text, std::string_view path, ModuleFileKind kind);

// The text of a .tool-versions that pins `version` (what `gover use` writes): the first
// golang/go line (the one asdf reads) becomes `<same key> <version>` in place, fallbacks dropped,
// keeping its indentation, a trailing comment and its line ending (CRLF stays CRLF); every other
// byte stays. Without such a line `golang <version>` is appended, after a newline if the text
// lacks a final one, ending as the file's first line does (LF or CRLF).
std::string pin_in_tool_versions(std::string_view text, std::string_view version);

// Reads a whole regular file of at most `max_bytes`. nullopt when there is nothing to read
// there: missing, a dangling symlink, a directory, FIFO, socket or device (opened without
// blocking, never read), or a path too long for the system. Fails (io) naming the path on
// EACCES, a symlink loop, a read error, or a file larger than max_bytes.
Result<std::optional<std::string>> read_regular_file(const std::string& path,
                                                     std::size_t max_bytes);

} // namespace gover
