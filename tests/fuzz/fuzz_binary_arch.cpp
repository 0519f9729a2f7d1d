// Executable headers (binary_arch.hpp): doctor reads every `go` on PATH and every binary in
// GOBIN, whatever they are. Properties: never crashes or reads past what the reader returned;
// a file whose headers it accepts as ELF or Mach-O has at least one slice, each with an arch.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "gover/binary/binary_arch.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view file(reinterpret_cast<const char*>(data), size);
    std::size_t reads = 0;
    const gover::ByteReader reader = [&](std::uint64_t offset,
                                         std::size_t count) -> std::optional<std::string> {
        ++reads;
        if (offset >= file.size()) {
            return std::string();
        }
        return std::string(file.substr(static_cast<std::size_t>(offset), count));
    };
    auto info = gover::read_binary_info(reader, "/fuzz/go");
    if (reads > 64) {
        std::abort(); // a header walk is bounded (at most 30 slices, two reads each)
    }
    if (!info) {
        if (info.error().message.find("/fuzz/go") == std::string::npos) {
            std::abort();
        }
        return 0;
    }
    const bool executable = info->format != gover::BinaryInfo::Format::other;
    if (executable == info->slices.empty()) {
        std::abort();
    }
    for (const auto& slice : info->slices) {
        if (slice.arch.empty() || slice.os.empty()) {
            std::abort();
        }
        if (slice.min_macos) {
            (void)gover::compare_macos_versions(*slice.min_macos, "11.0");
        }
    }
    (void)info->arch_list();
    (void)info->slice_for(gover::Platform{"darwin", "arm64"});
    return 0;
}
