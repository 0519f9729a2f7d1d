#include "gover/archive/zip_directory.hpp"

#include <algorithm>
#include <array>

#include "gover/base/printable.hpp"

namespace gover {
namespace {

constexpr std::uint32_t k_end_signature = 0x06054b50;
constexpr std::uint32_t k_end64_locator_signature = 0x07064b50;
constexpr std::uint32_t k_end64_signature = 0x06064b50;
constexpr std::uint32_t k_central_signature = 0x02014b50;
constexpr std::uint32_t k_local_signature = 0x04034b50;
constexpr std::size_t k_end_size = 22;
constexpr std::size_t k_end64_locator_size = 20;
constexpr std::size_t k_end64_size = 56;
constexpr std::size_t k_central_size = 46;
constexpr std::size_t k_local_size = 30;
constexpr std::uint16_t k_zip64_extra = 0x0001;
constexpr std::uint16_t k_flag_encrypted = 0x0001;

tl::unexpected<Error> malformed(const std::string& what) {
    return fail(ErrorCode::archive, what);
}

// Little-endian fields at a cursor that never reads past its span (callers check the length).
class Fields {
  public:
    explicit Fields(std::span<const std::byte> bytes) : bytes_(bytes) {}
    std::uint16_t u16() { return static_cast<std::uint16_t>(next(2)); }
    std::uint32_t u32() { return static_cast<std::uint32_t>(next(4)); }
    std::uint64_t u64() { return next(8); }
    void skip(std::size_t n) { at_ += n; }
    std::size_t left() const { return bytes_.size() - std::min(at_, bytes_.size()); }

  private:
    std::uint64_t next(std::size_t n) {
        std::uint64_t value = 0;
        for (std::size_t i = 0; i < n && at_ + i < bytes_.size(); ++i) {
            value |= std::uint64_t(std::to_integer<std::uint8_t>(bytes_[at_ + i])) << (8 * i);
        }
        at_ += n;
        return value;
    }
    std::span<const std::byte> bytes_;
    std::size_t at_ = 0;
};

struct EndRecord {
    std::uint64_t entries = 0;
    std::uint64_t size = 0;
    std::uint64_t offset = 0;
    std::uint64_t at = 0; // where the record (or the zip64 one) starts
};

// The end record: the last signature from which the record and its whole comment fit in the file
// (the scan Go's reader does, over the last 64 KiB + 22 bytes).
Result<EndRecord> find_end(const ZipReadAt& read_at, std::uint64_t file_size) {
    if (file_size < k_end_size) {
        return malformed("too short for a zip file (" + std::to_string(file_size) + " bytes)");
    }
    const std::uint64_t tail_size = std::min<std::uint64_t>(file_size, 0xffff + k_end_size);
    std::vector<std::byte> tail(tail_size);
    if (auto ok = read_at(file_size - tail_size, tail); !ok) {
        return tl::unexpected(ok.error());
    }
    for (std::size_t i = tail.size() - k_end_size + 1; i-- > 0;) {
        Fields f(std::span<const std::byte>(tail).subspan(i));
        if (f.u32() != k_end_signature) {
            continue;
        }
        const std::uint16_t disk = f.u16();
        const std::uint16_t directory_disk = f.u16();
        const std::uint16_t entries_here = f.u16();
        EndRecord end;
        end.entries = f.u16();
        end.size = f.u32();
        end.offset = f.u32();
        const std::uint16_t comment = f.u16();
        if (i + k_end_size + comment > tail.size()) {
            continue; // a signature inside a comment or the data, not the record
        }
        if (disk != 0 || directory_disk != 0 || entries_here != end.entries) {
            return malformed("it spans several disks");
        }
        end.at = file_size - tail_size + i;
        return end;
    }
    return malformed("no end of central directory record");
}

// The zip64 end record, when the locator right before the end record points at one. As in Go's
// reader, no locator there (or one for another number of disks than 1) leaves the end record's
// own values in force.
Status read_end64(const ZipReadAt& read_at, EndRecord& end) {
    if (end.at < k_end64_locator_size) {
        return {};
    }
    std::array<std::byte, k_end64_locator_size> locator{};
    if (auto ok = read_at(end.at - k_end64_locator_size, locator); !ok) {
        return ok;
    }
    Fields l(locator);
    if (l.u32() != k_end64_locator_signature) {
        return {};
    }
    l.skip(4); // the disk with the record
    const std::uint64_t at = l.u64();
    if (l.u32() != 1) {
        return {};
    }
    if (end.at < k_end64_locator_size + k_end64_size ||
        at > end.at - k_end64_locator_size - k_end64_size) {
        return malformed("its zip64 end record lies outside the file");
    }
    std::array<std::byte, k_end64_size> record{};
    if (auto ok = read_at(at, record); !ok) {
        return ok;
    }
    Fields r(record);
    if (r.u32() != k_end64_signature) {
        return malformed("its zip64 end record has a bad signature");
    }
    r.skip(8 + 2 + 2); // record size, versions
    const std::uint32_t disk = r.u32();
    const std::uint32_t directory_disk = r.u32();
    const std::uint64_t entries_here = r.u64();
    end.entries = r.u64();
    end.size = r.u64();
    end.offset = r.u64();
    if (disk != 0 || directory_disk != 0 || entries_here != end.entries) {
        return malformed("it spans several disks");
    }
    end.at = at;
    return {};
}

// When the directory ends short of the end record, Go's reader takes the difference for data
// prepended to the zip and looks for the directory that much further first; only when no
// directory header is there does it read at the stated offset, as gover does. A zip where Go
// would find one is refused, so that gover never reads other entries than Go.
Status refuse_shifted_directory(const ZipReadAt& read_at, const EndRecord& end) {
    const std::uint64_t shift = end.at - end.offset - end.size;
    if (shift == 0 || shift > end.at - end.offset || end.at - end.offset - shift < 4) {
        return {};
    }
    std::array<std::byte, 4> signature{};
    if (auto ok = read_at(end.offset + shift, signature); !ok) {
        return ok;
    }
    if (Fields(signature).u32() == k_central_signature) {
        return malformed("it has data before its first entry, which shifts every offset");
    }
    return {};
}

ZipEntry::Type entry_type(std::uint16_t made_by, std::uint32_t external, const std::string& name) {
    if (name.ends_with('/')) {
        return ZipEntry::Type::directory;
    }
    switch (made_by >> 8) {
    case 3:  // Unix
    case 19: // macOS
        switch ((external >> 16) & 0170000) {
        case 0:
        case 0100000:
            return ZipEntry::Type::file;
        case 0040000:
            return ZipEntry::Type::directory;
        case 0120000:
            return ZipEntry::Type::symlink;
        default:
            return ZipEntry::Type::special;
        }
    case 0:  // MS-DOS (FAT)
    case 11: // NTFS
    case 14: // VFAT
        return (external & 0x10) != 0 ? ZipEntry::Type::directory : ZipEntry::Type::file;
    default:
        return ZipEntry::Type::file;
    }
}

// The zip64 extra field's values for the fields that are all ones, in the format's order.
Status apply_zip64_extra(std::span<const std::byte> extra, ZipEntry& entry, bool need_size,
                         bool need_compressed, bool need_offset) {
    Fields f(extra);
    while (f.left() >= 4) {
        const std::uint16_t id = f.u16();
        const std::uint16_t length = f.u16();
        if (length > f.left()) {
            break;
        }
        if (id != k_zip64_extra) {
            f.skip(length);
            continue;
        }
        const std::size_t needed =
            8 * (std::size_t(need_size) + std::size_t(need_compressed) + std::size_t(need_offset));
        if (length < needed) {
            return malformed(zip_entry_label(entry.name) + " has a short zip64 field");
        }
        entry.size = need_size ? f.u64() : entry.size;
        entry.compressed_size = need_compressed ? f.u64() : entry.compressed_size;
        entry.local_header_offset = need_offset ? f.u64() : entry.local_header_offset;
        return {};
    }
    if (need_size || need_compressed || need_offset) {
        return malformed(zip_entry_label(entry.name) + " lacks its zip64 field");
    }
    return {};
}

// One central directory header at the start of `bytes`; `used` becomes its length.
Result<ZipEntry> parse_central(std::span<const std::byte> bytes, std::size_t& used) {
    if (bytes.size() < k_central_size) {
        return malformed("its central directory is truncated");
    }
    Fields f(bytes);
    if (f.u32() != k_central_signature) {
        return malformed("its central directory has a bad signature");
    }
    const std::uint16_t made_by = f.u16();
    f.skip(2); // version needed
    const std::uint16_t flags = f.u16();
    ZipEntry entry;
    entry.method = f.u16();
    f.skip(4); // time, date
    entry.crc32 = f.u32();
    entry.compressed_size = f.u32();
    entry.size = f.u32();
    const std::uint16_t name_length = f.u16();
    const std::uint16_t extra_length = f.u16();
    const std::uint16_t comment_length = f.u16();
    const std::uint16_t disk = f.u16();
    f.skip(2); // internal attributes
    const std::uint32_t external = f.u32();
    entry.local_header_offset = f.u32();
    used = k_central_size + name_length + extra_length + comment_length;
    if (used > bytes.size()) {
        return malformed("its central directory is truncated");
    }
    const auto name = bytes.subspan(k_central_size, name_length);
    entry.name.assign(reinterpret_cast<const char*>(name.data()), name.size());
    if (auto ok =
            apply_zip64_extra(bytes.subspan(k_central_size + name_length, extra_length), entry,
                              entry.size == 0xffffffff, entry.compressed_size == 0xffffffff,
                              entry.local_header_offset == 0xffffffff);
        !ok) {
        return tl::unexpected(ok.error());
    }
    if (disk != 0 && disk != 0xffff) {
        return malformed(zip_entry_label(entry.name) + " lies on another disk");
    }
    if ((flags & k_flag_encrypted) != 0) {
        return malformed(zip_entry_label(entry.name) + " is encrypted");
    }
    if (entry.method != k_zip_stored && entry.method != k_zip_deflated) {
        return malformed(zip_entry_label(entry.name) + " uses compression method " +
                         std::to_string(entry.method) + " (only stored and deflated are read)");
    }
    if (entry.method == k_zip_stored && entry.size != entry.compressed_size) {
        return malformed(zip_entry_label(entry.name) + " is stored but its two sizes differ");
    }
    entry.type = entry_type(made_by, external, entry.name);
    return entry;
}

} // namespace

std::string zip_entry_label(const std::string& name) {
    return "entry '" + printable(name) + "'";
}

Result<ZipDirectory> read_zip_directory(const ZipReadAt& read_at, std::uint64_t file_size) {
    auto end = find_end(read_at, file_size);
    if (!end) {
        return tl::unexpected(end.error());
    }
    // Go's reader looks for zip64 records on exactly these values (directory size 0xffff, too).
    if (end->entries == 0xffff || end->size == 0xffff || end->offset == 0xffffffff) {
        if (auto ok = read_end64(read_at, *end); !ok) {
            return tl::unexpected(ok.error());
        }
    }
    if (end->offset > end->at || end->size > end->at - end->offset) {
        return malformed("its central directory lies outside the file");
    }
    if (auto ok = refuse_shifted_directory(read_at, *end); !ok) {
        return tl::unexpected(ok.error());
    }
    if (end->size > k_max_zip_directory_size) {
        return malformed("its central directory is larger than " +
                         std::to_string(k_max_zip_directory_size >> 20) + " MiB");
    }
    if (end->entries > end->size / k_central_size) {
        return malformed("its end record claims more entries than its central directory holds");
    }
    std::vector<std::byte> bytes(end->size);
    if (!bytes.empty()) {
        if (auto ok = read_at(end->offset, bytes); !ok) {
            return tl::unexpected(ok.error());
        }
    }
    ZipDirectory directory;
    directory.offset = end->offset;
    directory.entries.reserve(std::min<std::uint64_t>(end->entries, 16384));
    std::span<const std::byte> rest(bytes);
    // Entries may not share data: a local header and the compressed bytes of each lie before the
    // directory, so all of them together fit in the file (and the work to read them is bounded).
    std::uint64_t data = 0;
    for (std::uint64_t i = 0; i < end->entries; ++i) {
        std::size_t used = 0;
        auto entry = parse_central(rest, used);
        if (!entry) {
            return tl::unexpected(entry.error());
        }
        if (entry->local_header_offset > directory.offset) {
            return malformed(zip_entry_label(entry->name) + " lies outside the file");
        }
        const std::uint64_t span = k_local_size + entry->name.size() + entry->compressed_size;
        if (entry->compressed_size > directory.offset || span > directory.offset - data) {
            return malformed("its entries overlap: their data adds up to more than lies before "
                             "its central directory");
        }
        data += span;
        directory.entries.push_back(std::move(*entry));
        rest = rest.subspan(used);
    }
    if (!rest.empty()) {
        return malformed("its central directory holds more than the " +
                         std::to_string(end->entries) + " entries its end record declares");
    }
    return directory;
}

Result<std::uint64_t> zip_entry_data_offset(const ZipReadAt& read_at, const ZipDirectory& directory,
                                            const ZipEntry& entry) {
    const auto outside = [&] {
        return malformed(zip_entry_label(entry.name) + " lies outside the file");
    };
    if (entry.local_header_offset > directory.offset ||
        directory.offset - entry.local_header_offset < k_local_size) {
        return outside();
    }
    std::array<std::byte, k_local_size> header{};
    if (auto ok = read_at(entry.local_header_offset, header); !ok) {
        return tl::unexpected(ok.error());
    }
    Fields f(header);
    if (f.u32() != k_local_signature) {
        return malformed(zip_entry_label(entry.name) + " has a bad local header signature");
    }
    f.skip(22); // versions, flags, method, time, date, CRC-32 and sizes (the directory's count)
    const std::uint64_t name_length = f.u16();
    const std::uint64_t extra_length = f.u16();
    const std::uint64_t data =
        entry.local_header_offset + k_local_size + name_length + extra_length;
    if (data > directory.offset || entry.compressed_size > directory.offset - data) {
        return outside();
    }
    return data;
}

} // namespace gover
