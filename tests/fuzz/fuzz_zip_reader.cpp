// The zip reader (zip_directory.hpp, zip_entry_reader.hpp) on any bytes, as a module proxy could
// serve them. Properties: never crashes, never reads outside the file; an entry that reads
// successfully gave exactly its declared size, every data offset lies inside the file and ends
// before the central directory.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <span>

#include "gover/archive/zip_directory.hpp"
#include "gover/archive/zip_entry_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace gover;
    const ZipReadAt read_at = [&](std::uint64_t offset, std::span<std::byte> out) -> Status {
        if (offset > size || out.size() > size - offset) {
            std::abort(); // every offset the reader uses was checked against the file first
        }
        if (!out.empty()) { // memcpy's pointers must not be null, even for no bytes
            std::memcpy(out.data(), data + offset, out.size());
        }
        return {};
    };
    auto directory = read_zip_directory(read_at, size);
    if (!directory) {
        return 0;
    }
    if (directory->offset > size) {
        std::abort();
    }
    ZipEntryReader reader;
    std::uint64_t budget = 64 << 20; // declared sizes can be huge: bound the work per input
    for (const ZipEntry& entry : directory->entries) {
        auto at = zip_entry_data_offset(read_at, *directory, entry);
        if (!at) {
            continue;
        }
        if (*at > directory->offset || entry.compressed_size > directory->offset - *at) {
            std::abort();
        }
        std::uint64_t got = 0;
        auto ok = reader.read(read_at, *at, entry, [&](std::span<const std::byte> bytes) -> Status {
            got += bytes.size();
            if (got > budget) {
                return fail(ErrorCode::io, "over the fuzz budget");
            }
            return {};
        });
        if (ok && got != entry.size) {
            std::abort();
        }
        budget -= std::min(budget, got);
    }
    return 0;
}
