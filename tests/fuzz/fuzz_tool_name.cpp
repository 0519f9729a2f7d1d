// The shim's tool-name parsing (core/tool_exec.hpp), which sees argv[0] and the exec'd path of
// every shim call. Properties: never crashes; a pinned name runs "go" and names a release (not a
// language version) whose toolchain name is the input; anything else keeps the name as given.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/tool_exec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view name(reinterpret_cast<const char*>(data), size);
    const gover::ToolName parsed = gover::parse_tool_name(name);
    if (parsed.pinned) {
        if (parsed.tool != "go" || parsed.pinned->is_language_version() ||
            !name.starts_with("go1")) {
            std::abort();
        }
    } else if (parsed.tool != name) {
        std::abort();
    }
    return 0;
}
