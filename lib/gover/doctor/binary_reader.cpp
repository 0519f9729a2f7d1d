#include "gover/doctor/binary_reader.hpp"

#include "gover/doctor/system.hpp"

namespace gover::doctor {

std::optional<BinaryInfo> read_binary(const System& sys, const std::filesystem::path& file) {
    if (!sys.stat(file).is_file()) {
        return std::nullopt;
    }
    ByteReader reader = [&](std::uint64_t offset, std::size_t size) {
        return sys.read(file, offset, size);
    };
    auto info = read_binary_info(reader, file.string());
    if (!info) {
        return std::nullopt;
    }
    return *info;
}

} // namespace gover::doctor
