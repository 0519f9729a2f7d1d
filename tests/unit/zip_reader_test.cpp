// The zip reader (archive/zip_directory, archive/zip_entry_reader) against zips written by
// libarchive, whole and damaged byte by byte.
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>

#include "gover/archive/zip_directory.hpp"
#include "gover/archive/zip_entry_reader.hpp"
#include "support/archive_builder.hpp"

namespace gover {
namespace {

using test::ArchiveBuilder;
using Method = ArchiveBuilder::ZipMethod;

ZipReadAt memory_reader(const std::string& zip) {
    return [&zip](std::uint64_t offset, std::span<std::byte> out) -> Status {
        if (offset > zip.size() || out.size() > zip.size() - offset) {
            return fail(ErrorCode::io, "read past the end");
        }
        if (!out.empty()) { // memcpy's pointers must not be null, even for no bytes
            std::memcpy(out.data(), zip.data() + offset, out.size());
        }
        return {};
    };
}

std::string noise(std::size_t n, unsigned seed) {
    std::mt19937 random(seed);
    std::string out(n, '\0');
    for (char& c : out) {
        c = static_cast<char>(random() & 0xff);
    }
    return out;
}

// Text that deflates well, in a size past several 256 KiB buffers.
std::string text(std::size_t n) {
    std::string out;
    for (int i = 0; out.size() < n; ++i) {
        out += "package main // line " + std::to_string(i) + "\n";
    }
    return out;
}

ArchiveBuilder sample() {
    ArchiveBuilder b;
    b.file("p/go.mod", "module p\n")
        .file("p/empty", "")
        .file("p/bin/go", noise(300 * 1024, 1), 0755)
        .file("p/src/big.go", text(3 << 20))
        .dir("p/dir")
        .symlink("p/link", "go.mod");
    return b;
}

Result<std::string> read_entry(ZipEntryReader& reader, const std::string& zip,
                               const ZipDirectory& directory, const ZipEntry& entry) {
    const auto read_at = memory_reader(zip);
    auto data = zip_entry_data_offset(read_at, directory, entry);
    if (!data) {
        return tl::unexpected(data.error());
    }
    std::string out;
    auto ok = reader.read(read_at, *data, entry, [&](std::span<const std::byte> bytes) -> Status {
        out.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
        return {};
    });
    if (!ok) {
        return tl::unexpected(ok.error());
    }
    return out;
}

std::uint32_t get32(const std::string& s, std::size_t at) {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) {
        v = (v << 8) | static_cast<unsigned char>(s[at + static_cast<std::size_t>(i)]);
    }
    return v;
}
void put32(std::string& s, std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) {
        s[at + static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xff);
    }
}
std::size_t end_record(const std::string& zip) {
    const auto at = zip.rfind(std::string("PK\x05\x06", 4));
    EXPECT_NE(at, std::string::npos);
    return at;
}
// The offset of the central directory header of entry `index`.
std::size_t central_header(const std::string& zip, std::size_t index) {
    std::size_t at = get32(zip, end_record(zip) + 16);
    for (std::size_t i = 0; i < index; ++i) {
        const auto u16 = [&](std::size_t o) {
            return static_cast<std::size_t>(static_cast<unsigned char>(zip[o])) |
                   static_cast<std::size_t>(static_cast<unsigned char>(zip[o + 1])) << 8;
        };
        at += 46 + u16(at + 28) + u16(at + 30) + u16(at + 32);
    }
    return at;
}

void put16(std::string& s, std::size_t at, std::uint32_t v) {
    s[at] = static_cast<char>(v & 0xff);
    s[at + 1] = static_cast<char>((v >> 8) & 0xff);
}
void append64(std::string& s, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) {
        s += static_cast<char>((v >> (8 * i)) & 0xff);
    }
}

// The same zip with every central directory field that can move to zip64 moved there: sizes and
// local header offsets all ones with a zip64 extra field holding them, and the end record all
// ones with a zip64 end record and locator before it (as a writer does past 4 GiB).
std::string all_zip64(const std::string& zip) {
    const std::size_t end = end_record(zip);
    const std::size_t count = static_cast<unsigned char>(zip[end + 10]);
    const std::size_t start = get32(zip, end + 16);
    std::string directory;
    std::size_t at = start;
    for (std::size_t i = 0; i < count; ++i) {
        const auto u16 = [&](std::size_t o) {
            return static_cast<std::size_t>(static_cast<unsigned char>(zip[o])) |
                   static_cast<std::size_t>(static_cast<unsigned char>(zip[o + 1])) << 8;
        };
        const std::size_t name = u16(at + 28), extra = u16(at + 30), comment = u16(at + 32);
        std::string header = zip.substr(at, 46 + name); // the fixed part and the name
        const std::uint64_t compressed = get32(zip, at + 20), size = get32(zip, at + 24),
                            offset = get32(zip, at + 42);
        put32(header, 20, 0xffffffff);
        put32(header, 24, 0xffffffff);
        put32(header, 42, 0xffffffff);
        std::string field("\x01\x00\x18\x00", 4); // id 1, 24 bytes
        append64(field, size);
        append64(field, compressed);
        append64(field, offset);
        // Other extra fields of the entry are dropped (a zip64 one already there included).
        put16(header, 30, static_cast<std::uint32_t>(field.size()));
        put16(header, 32, 0);
        directory += header + field;
        at += 46 + name + extra + comment;
    }
    std::string out = zip.substr(0, start) + directory;
    const std::uint64_t end64_at = out.size();
    out += std::string("PK\x06\x06", 4);
    append64(out, 44);
    out += std::string("\x2d\x00\x2d\x00", 4); // versions
    out += std::string(8, '\0');               // disks
    append64(out, count);
    append64(out, count);
    append64(out, directory.size());
    append64(out, start);
    out += std::string("PK\x06\x07", 4);
    out += std::string(4, '\0');
    append64(out, end64_at);
    out += std::string("\x01\x00\x00\x00", 4);
    std::string record = zip.substr(end, 22);
    put16(record, 8, 0xffff);
    put16(record, 10, 0xffff);
    put32(record, 12, 0xffffffff);
    put32(record, 16, 0xffffffff);
    put16(record, 20, 0);
    return out + record;
}

Result<ZipDirectory> directory_of(const std::string& zip) {
    return read_zip_directory(memory_reader(zip), zip.size());
}

TEST(ZipReader, Crc32PublishedCheckValue) {
    const std::string check = "123456789";
    EXPECT_EQ(zip_crc32(0, std::as_bytes(std::span(check))), 0xCBF43926U);
    // Continued in two pieces, the same value.
    const auto bytes = std::as_bytes(std::span(check));
    EXPECT_EQ(zip_crc32(zip_crc32(0, bytes.first(4)), bytes.subspan(4)), 0xCBF43926U);
}

TEST(ZipReader, EveryEntryRoundTripsStoredDeflatedAndZip64) {
    const ArchiveBuilder b = sample();
    for (const Method method : {Method::stored, Method::deflated}) {
        for (const bool zip64 : {false, true}) {
            SCOPED_TRACE(std::string(method == Method::stored ? "stored" : "deflated") +
                         (zip64 ? ", zip64" : ""));
            const std::string zip = b.zip(method, zip64);
            auto directory = directory_of(zip);
            ASSERT_TRUE(directory) << directory.error().message;
            ASSERT_EQ(directory->entries.size(), 6U);
            ZipEntryReader reader;
            const auto& e = directory->entries;
            EXPECT_EQ(e[0].name, "p/go.mod");
            EXPECT_EQ(e[0].type, ZipEntry::Type::file);
            EXPECT_EQ(e[4].type, ZipEntry::Type::directory);
            EXPECT_EQ(e[5].type, ZipEntry::Type::symlink);
            EXPECT_EQ(*read_entry(reader, zip, *directory, e[0]), "module p\n");
            EXPECT_EQ(*read_entry(reader, zip, *directory, e[1]), "");
            EXPECT_EQ(*read_entry(reader, zip, *directory, e[2]), noise(300 * 1024, 1));
            auto big = read_entry(reader, zip, *directory, e[3]);
            ASSERT_TRUE(big) << big.error().message;
            EXPECT_EQ(*big, text(3 << 20));
            if (method == Method::deflated) {
                EXPECT_EQ(e[3].method, k_zip_deflated);
                EXPECT_LT(e[3].compressed_size, e[3].size / 4);
            }
        }
    }
}

TEST(ZipReader, AnEmptyZipHasNoEntries) {
    // An end record alone: no directory to read (found by fuzz_zip_reader: a read of nothing).
    const std::string zip = std::string("PK\x05\x06", 4) + std::string(18, '\0');
    auto directory = directory_of(zip);
    ASSERT_TRUE(directory) << directory.error().message;
    EXPECT_TRUE(directory->entries.empty());
    EXPECT_EQ(directory->offset, 0U);
}

TEST(ZipReader, ACommentAfterTheEndRecordIsAllowed) {
    std::string zip = sample().zip(Method::deflated);
    const std::size_t end = end_record(zip);
    zip += "a comment, even one holding PK\x05\x06 itself";
    const std::size_t comment = zip.size() - end - 22;
    zip[end + 20] = static_cast<char>(comment & 0xff);
    zip[end + 21] = static_cast<char>(comment >> 8);
    auto directory = directory_of(zip);
    ASSERT_TRUE(directory) << directory.error().message;
    EXPECT_EQ(directory->entries.size(), 6U);
}

TEST(ZipReader, ADamagedDirectoryIsRefusedSayingWhat) {
    const std::string good = sample().zip(Method::deflated);
    const std::size_t end = end_record(good);
    struct Case {
        std::string name;
        std::string zip;
        std::string expected;
    };
    std::vector<Case> cases;
    cases.push_back({"not a zip", std::string(4096, 'x'), "no end of central directory record"});
    cases.push_back({"too short", "PK", "too short"});
    cases.push_back({"cut in half", good.substr(0, good.size() / 2), "no end of central"});
    std::string offset = good;
    put32(offset, end + 16, static_cast<std::uint32_t>(good.size()));
    cases.push_back({"directory offset past the end", offset, "lies outside the file"});
    std::string count = good;
    count[end + 8] = count[end + 10] = 100;
    cases.push_back({"more entries than the directory holds", count, "entries"});
    std::string disks = good;
    disks[end + 4] = 1;
    cases.push_back({"several disks", disks, "several disks"});
    std::string signature = good;
    signature[central_header(good, 2)] = 'X';
    cases.push_back({"a bad central signature", signature, "bad signature"});
    std::string method = good;
    method[central_header(good, 2) + 10] = 14; // LZMA
    cases.push_back({"an unknown method", method, "compression method 14"});
    std::string encrypted = good;
    encrypted[central_header(good, 1) + 8] |= 1;
    cases.push_back({"encrypted", encrypted, "'p/empty' is encrypted"});
    for (const Case& c : cases) {
        auto directory = directory_of(c.zip);
        ASSERT_FALSE(directory) << c.name;
        EXPECT_EQ(directory.error().code, ErrorCode::archive) << c.name;
        EXPECT_NE(directory.error().message.find(c.expected), std::string::npos)
            << c.name << ": " << directory.error().message;
    }
}

TEST(ZipReader, ZipSixtyFourMarkersWithoutTheRecordsAreReadAsGoReadsThem) {
    // All-ones values but no zip64 locator: Go's reader keeps the end record's own values, so a
    // directory offset of 0xffffffff lies outside this file.
    std::string zip = sample().zip(Method::stored);
    const std::size_t end = end_record(zip);
    put32(zip, end + 16, 0xffffffff);
    auto directory = directory_of(zip);
    ASSERT_FALSE(directory);
    EXPECT_NE(directory.error().message.find("central directory lies outside the file"),
              std::string::npos)
        << directory.error().message;

    // 0xffff entries means "look for zip64" too; without a locator the count stays 0xffff,
    // more than this directory holds.
    std::string count = sample().zip(Method::stored);
    put16(count, end_record(count) + 8, 0xffff);
    put16(count, end_record(count) + 10, 0xffff);
    directory = directory_of(count);
    ASSERT_FALSE(directory);
    EXPECT_NE(directory.error().message.find("claims more entries"), std::string::npos)
        << directory.error().message;
}

TEST(ZipReader, OnlyTheEntriesGoWouldSeeAreAccepted) {
    const std::string good = sample().zip(Method::deflated);
    const std::size_t end = end_record(good);

    // Bytes between the directory and its end record, and no directory header that far past
    // its start: Go reads at the stated offset, and so does gover.
    const std::string gap = good.substr(0, end) + "junk" + good.substr(end);
    auto directory = directory_of(gap);
    ASSERT_TRUE(directory) << directory.error().message;
    EXPECT_EQ(directory->entries.size(), 6U);

    // Data prepended to the zip: Go would shift every offset by it, so gover refuses.
    directory = directory_of("#!/bin/sh\nexit 0\n" + good);
    ASSERT_FALSE(directory);
    EXPECT_NE(directory.error().message.find("data before its first entry"), std::string::npos)
        << directory.error().message;

    // A directory holding one entry more than its end record declares.
    std::string extra = good;
    put16(extra, end + 8, 5);
    put16(extra, end + 10, 5);
    directory = directory_of(extra);
    ASSERT_FALSE(directory);
    EXPECT_NE(directory.error().message.find("holds more than the 5 entries"), std::string::npos)
        << directory.error().message;

    // Every entry pointing at the same data (3 MiB of text inflated again and again).
    std::string overlap = good;
    const std::size_t big = central_header(good, 3);
    for (std::size_t i = 0; i < 6; ++i) {
        const std::size_t at = central_header(good, i);
        put32(overlap, at + 16, get32(good, big + 16)); // CRC-32
        put32(overlap, at + 20, get32(good, big + 20)); // compressed size
        put32(overlap, at + 24, get32(good, big + 24)); // size
        put32(overlap, at + 42, get32(good, big + 42)); // local header
    }
    directory = directory_of(overlap);
    ASSERT_FALSE(directory);
    EXPECT_NE(directory.error().message.find("its entries overlap"), std::string::npos)
        << directory.error().message;
}

TEST(ZipReader, NamesInMessagesCannotBreakTheLine) {
    ArchiveBuilder b;
    b.file("p/a\nb\x1b]0;x\x07", "data");
    std::string zip = b.zip(Method::stored);
    zip[central_header(zip, 0) + 8] |= 1; // encrypted
    auto directory = directory_of(zip);
    ASSERT_FALSE(directory);
    const std::string& message = directory.error().message;
    EXPECT_NE(message.find("entry 'p/a\\x0ab\\x1b]0;x\\x07' is encrypted"), std::string::npos)
        << message;
    EXPECT_EQ(message.find('\n'), std::string::npos);
    EXPECT_EQ(message.find('\x1b'), std::string::npos);
}

TEST(ZipReader, CancellingStopsEvenDataThatInflatesToNothing) {
    const std::string zip = sample().zip(Method::deflated);
    const auto directory = *directory_of(zip);
    int polls = 0;
    ZipEntryReader reader([&] { return ++polls > 1; });
    const auto read_at = memory_reader(zip);
    const ZipEntry& big = directory.entries[3];
    int chunks = 0;
    auto r = reader.read(read_at, *zip_entry_data_offset(read_at, directory, big), big,
                         [&](std::span<const std::byte>) -> Status {
                             ++chunks;
                             return {};
                         });
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::interrupted);
    EXPECT_NE(r.error().message.find("'p/src/big.go'"), std::string::npos) << r.error().message;
    EXPECT_LE(chunks, 1);
}

TEST(ZipReader, ZipSixtyFourRecordsAndFieldsAreRead) {
    for (const Method method : {Method::stored, Method::deflated}) {
        const std::string plain = sample().zip(method);
        const std::string zip = all_zip64(plain);
        ASSERT_NE(zip, plain);
        auto directory = directory_of(zip);
        ASSERT_TRUE(directory) << directory.error().message;
        const auto expected = *directory_of(plain);
        ASSERT_EQ(directory->entries.size(), expected.entries.size());
        EXPECT_EQ(directory->offset, expected.offset);
        ZipEntryReader reader;
        for (std::size_t i = 0; i < expected.entries.size(); ++i) {
            const ZipEntry& got = directory->entries[i];
            EXPECT_EQ(got.size, expected.entries[i].size) << got.name;
            EXPECT_EQ(got.compressed_size, expected.entries[i].compressed_size) << got.name;
            EXPECT_EQ(got.local_header_offset, expected.entries[i].local_header_offset);
        }
        EXPECT_EQ(*read_entry(reader, zip, *directory, directory->entries[3]), text(3 << 20));

        // The zip64 field one value short: refused, naming the entry.
        std::string short_field = zip;
        const std::size_t first = directory->offset;
        short_field[first + 46 + 8 + 2] = 16; // "p/go.mod", then the field's length
        auto refused = directory_of(short_field);
        ASSERT_FALSE(refused);
        EXPECT_NE(refused.error().message.find("'p/go.mod' has a short zip64 field"),
                  std::string::npos)
            << refused.error().message;
    }
}

TEST(ZipReader, DamagedDataIsCaughtByCrcSizeOrInflate) {
    for (const Method method : {Method::stored, Method::deflated}) {
        SCOPED_TRACE(method == Method::stored ? "stored" : "deflated");
        const std::string good = sample().zip(method);
        const auto directory = *directory_of(good);
        const ZipEntry& bin_go = directory.entries[2];
        const std::uint64_t data = *zip_entry_data_offset(memory_reader(good), directory, bin_go);
        ZipEntryReader reader;

        std::string flipped = good;
        flipped[data + bin_go.compressed_size / 2] ^= 0x20;
        auto r = read_entry(reader, flipped, directory, bin_go);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, ErrorCode::archive);
        EXPECT_NE(r.error().message.find("'p/bin/go'"), std::string::npos) << r.error().message;

        ZipEntry wrong_crc = bin_go;
        wrong_crc.crc32 ^= 1;
        r = read_entry(reader, good, directory, wrong_crc);
        ASSERT_FALSE(r);
        EXPECT_NE(r.error().message.find("CRC-32"), std::string::npos) << r.error().message;

        // The reader still serves the next entry after a failed one.
        EXPECT_EQ(*read_entry(reader, good, directory, directory.entries[0]), "module p\n");
    }
}

TEST(ZipReader, MoreOrFewerBytesThanDeclaredAreRefused) {
    const std::string zip = sample().zip(Method::deflated);
    const auto directory = *directory_of(zip);
    ZipEntryReader reader;
    ZipEntry shorter = directory.entries[3];
    shorter.size -= 1;
    auto r = read_entry(reader, zip, directory, shorter);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("holds more than"), std::string::npos) << r.error().message;

    ZipEntry longer = directory.entries[3];
    longer.size += 1;
    r = read_entry(reader, zip, directory, longer);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("not the"), std::string::npos) << r.error().message;

    // Deflate data cut short (the directory says fewer compressed bytes than there are).
    ZipEntry cut = directory.entries[3];
    cut.compressed_size /= 2;
    r = read_entry(reader, zip, directory, cut);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("ends early"), std::string::npos) << r.error().message;
}

TEST(ZipReader, LocalHeadersAreChecked) {
    const std::string good = sample().zip(Method::stored);
    auto directory = *directory_of(good);
    std::string bad = good;
    bad[directory.entries[1].local_header_offset] = 'X';
    auto r = zip_entry_data_offset(memory_reader(bad), directory, directory.entries[1]);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("bad local header signature"), std::string::npos);

    ZipEntry past = directory.entries[2];
    past.compressed_size = directory.offset; // data running into the central directory
    r = zip_entry_data_offset(memory_reader(good), directory, past);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("lies outside the file"), std::string::npos);
}

TEST(ZipReader, SinkAndReadErrorsComeBackAsTheyWere) {
    const std::string zip = sample().zip(Method::deflated);
    const auto directory = *directory_of(zip);
    ZipEntryReader reader;
    const auto read_at = memory_reader(zip);
    const ZipEntry& big = directory.entries[3];
    int chunks = 0;
    auto r = reader.read(read_at, *zip_entry_data_offset(read_at, directory, big), big,
                         [&](std::span<const std::byte>) -> Status {
                             if (++chunks == 2) {
                                 return fail(ErrorCode::interrupted, "stop");
                             }
                             return {};
                         });
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::interrupted);
    EXPECT_EQ(chunks, 2);

    const ZipReadAt failing = [](std::uint64_t, std::span<std::byte>) -> Status {
        return fail(ErrorCode::io, "disk gone");
    };
    auto d = read_zip_directory(failing, zip.size());
    ASSERT_FALSE(d);
    EXPECT_EQ(d.error().code, ErrorCode::io);
}

} // namespace
} // namespace gover
