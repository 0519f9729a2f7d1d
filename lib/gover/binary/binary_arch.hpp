#pragma once
// What an executable was built for, read from its headers alone: ELF (32/64-bit, either byte
// order), Mach-O (thin, 32/64-bit, either byte order) and fat/universal Mach-O (32- and 64-bit
// fat headers). doctor uses it to find a `go` that runs under Rosetta or not at all, and the
// macOS release a toolchain needs (the minos of LC_BUILD_VERSION).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/platform.hpp"

namespace gover {

// One architecture inside an executable; thin files have exactly one.
struct BinarySlice {
    std::string os;   // "darwin" for Mach-O; for ELF "linux" unless the OS ABI byte names another
    std::string arch; // Go's GOARCH name: amd64, arm64, 386, arm, ppc64le, ... or "unknown-N"
    // The oldest macOS the slice runs on, "11.0" (LC_BUILD_VERSION for macOS, else
    // LC_VERSION_MIN_MACOSX). Unset for ELF and when the file records none.
    std::optional<std::string> min_macos;
};

struct BinaryInfo {
    enum class Format { other, elf, macho, fat };
    Format format = Format::other; // other: not an executable we know (a script, text, empty)
    std::vector<BinarySlice> slices;

    // The slice that runs natively on the platform (same os and arch), if any.
    const BinarySlice* slice_for(const Platform& platform) const;
    // "amd64", or "amd64 and arm64" for a universal binary.
    std::string arch_list() const;
};

// Go's GOARCH for a go.dev platform arch: armv6l is "arm", everything else is the same.
std::string goarch_of(const Platform& platform);

// Reads `size` bytes at `offset`; fewer at the end of the file; nullopt on an I/O error.
using ByteReader =
    std::function<std::optional<std::string>(std::uint64_t offset, std::size_t size)>;

// The headers of an executable read through `read`. A file too short or not a known format is
// Format::other, not an error; a file that starts like ELF or Mach-O but whose headers are cut
// short or inconsistent is an ErrorCode::io error naming `what`.
Result<BinaryInfo> read_binary_info(const ByteReader& read, const std::string& what);

// The same for a file on disk (follows symlinks).
Result<BinaryInfo> read_binary_info(const std::filesystem::path& file);

// Compares macOS versions "10.15" < "11.0" < "11.0.1" numerically; missing parts count as 0.
int compare_macos_versions(const std::string& a, const std::string& b);

} // namespace gover
