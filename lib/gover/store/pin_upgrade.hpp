#pragma once
// The edit `gover upgrade` makes to a pin (README "Keeping Go up to date"): one version word
// replaced in place, every other byte of the file kept (a BOM, CRLF, comments, the key, and the
// fallbacks after the first version on a .tool-versions line).

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/selection.hpp"
#include "core/version.hpp"

namespace gover {

// `text` with the first version word of line `line` (1-based; on a .tool-versions line the word
// after the golang/go key, else the first word) replaced by `version`. Fails (bad_pin, naming
// path:line) when that word is not the exact pin `expected` any more: the file changed since it
// was read, and nothing is rewritten.
Result<std::string> replace_pin_version(std::string_view text, std::string_view path, int line,
                                        bool tool_versions, const GoVersion& expected,
                                        std::string_view version);

// Rewrites the pin `source` names (a .tool-versions, .go-version or global file) from `from` to
// `to` with replace_pin_version, atomically and durably, keeping the file's mode; a symlinked
// pin file is edited where it leads (pin_write_target). Errors: io, bad_pin.
Status write_upgraded_pin(const PinSource& source, const GoVersion& from, const std::string& to);

} // namespace gover
