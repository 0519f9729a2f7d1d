#include "support/archive_builder.hpp"

#include <cstring>
#include <fstream>
#include <stdexcept>

#include <archive.h>
#include <archive_entry.h>

namespace gover::test {
namespace {

la_ssize_t append_callback(archive*, void* client, const void* buffer, size_t length) {
    static_cast<std::string*>(client)->append(static_cast<const char*>(buffer), length);
    return static_cast<la_ssize_t>(length);
}

void check(archive* a, int r, const char* what) {
    if (r < ARCHIVE_OK) {
        throw std::runtime_error(std::string(what) + ": " +
                                 (archive_error_string(a) ? archive_error_string(a) : "?"));
    }
}

// Rewrites the size field of the ustar header at `offset` in base-256 (sizes past 8 GiB) and
// fixes its checksum, so the header claims data the archive does not hold.
void patch_size(std::string& tar, std::size_t offset, std::uint64_t size) {
    char* header = tar.data() + offset;
    header[124] = static_cast<char>(0x80);
    for (int i = 11; i >= 1; --i) {
        header[124 + i] = static_cast<char>(size & 0xff);
        size >>= 8;
    }
    std::memset(header + 148, ' ', 8);
    unsigned sum = 0;
    for (int i = 0; i < 512; ++i) {
        sum += static_cast<unsigned char>(header[i]);
    }
    std::snprintf(header + 148, 8, "%06o", sum);
    header[155] = ' ';
}

} // namespace

ArchiveBuilder& ArchiveBuilder::file(std::string path, std::string content, unsigned mode) {
    items_.push_back({Type::file, std::move(path), std::move(content), mode, 0});
    return *this;
}
ArchiveBuilder& ArchiveBuilder::dir(std::string path, unsigned mode) {
    items_.push_back({Type::dir, std::move(path), "", mode, 0});
    return *this;
}
ArchiveBuilder& ArchiveBuilder::symlink(std::string path, std::string target) {
    items_.push_back({Type::symlink, std::move(path), std::move(target), 0777, 0});
    return *this;
}
ArchiveBuilder& ArchiveBuilder::hardlink(std::string path, std::string target) {
    items_.push_back({Type::hardlink, std::move(path), std::move(target), 0644, 0});
    return *this;
}
ArchiveBuilder& ArchiveBuilder::char_device(std::string path) {
    items_.push_back({Type::char_device, std::move(path), "", 0666, 0});
    return *this;
}
ArchiveBuilder& ArchiveBuilder::fifo(std::string path) {
    items_.push_back({Type::fifo, std::move(path), "", 0644, 0});
    return *this;
}
ArchiveBuilder& ArchiveBuilder::huge_file(std::string path, std::uint64_t declared) {
    items_.push_back({Type::huge, std::move(path), "", 0644, declared});
    return *this;
}

std::string ArchiveBuilder::tar() const {
    std::string out;
    archive* a = archive_write_new();
    archive_write_set_format_pax_restricted(a); // ustar, plus pax headers for long names
    archive_write_set_bytes_per_block(a, 0);    // unbuffered: out.size() is where a header starts
    check(a, archive_write_open(a, &out, nullptr, append_callback, nullptr), "open");
    write_items(a, out);
    check(a, archive_write_close(a), "close");
    archive_write_free(a);
    return out;
}

void ArchiveBuilder::write_items(archive* a, std::string& out) const {
    for (const Item& item : items_) {
        archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname(entry, item.path.c_str());
        archive_entry_set_perm(entry, item.mode);
        archive_entry_set_mtime(entry, 1700000000, 0);
        archive_entry_set_uname(entry, "gopher");
        archive_entry_set_gname(entry, "gopher");
        std::size_t header_at = out.size();
        switch (item.type) {
        case Type::file:
            archive_entry_set_filetype(entry, AE_IFREG);
            archive_entry_set_size(entry, static_cast<la_int64_t>(item.data.size()));
            break;
        case Type::huge:
            archive_entry_set_filetype(entry, AE_IFREG);
            archive_entry_set_size(entry, 0);
            break;
        case Type::dir:
            archive_entry_set_filetype(entry, AE_IFDIR);
            break;
        case Type::symlink:
            archive_entry_set_filetype(entry, AE_IFLNK);
            archive_entry_set_symlink(entry, item.data.c_str());
            break;
        case Type::hardlink:
            archive_entry_set_filetype(entry, AE_IFREG);
            archive_entry_set_hardlink(entry, item.data.c_str());
            archive_entry_set_size(entry, 0);
            break;
        case Type::char_device:
            archive_entry_set_filetype(entry, AE_IFCHR);
            archive_entry_set_rdevmajor(entry, 1);
            archive_entry_set_rdevminor(entry, 3);
            break;
        case Type::fifo:
            archive_entry_set_filetype(entry, AE_IFIFO);
            break;
        }
        check(a, archive_write_header(a, entry), "header");
        if (item.type == Type::file && !item.data.empty()) {
            if (archive_write_data(a, item.data.data(), item.data.size()) < 0) {
                check(a, ARCHIVE_FATAL, "data");
            }
        }
        check(a, archive_write_finish_entry(a), "finish entry");
        archive_entry_free(entry);
        if (item.type == Type::huge) {
            patch_size(out, header_at, item.declared);
        }
    }
}

std::string ArchiveBuilder::zip(ZipMethod method, bool zip64) const {
    for (const Item& item : items_) {
        if (item.type != Type::file && item.type != Type::dir && item.type != Type::symlink) {
            throw std::runtime_error("zip(): only files, directories and symlinks");
        }
    }
    std::string out;
    archive* a = archive_write_new();
    check(a, archive_write_set_format_zip(a), "zip format");
    check(a,
          archive_write_set_options(a, method == ZipMethod::stored ? "zip:compression=store"
                                                                   : "zip:compression=deflate"),
          "zip compression");
    if (zip64) {
        check(a, archive_write_set_options(a, "zip:zip64"), "zip64");
    }
    archive_write_set_bytes_per_block(a, 0);
    check(a, archive_write_open(a, &out, nullptr, append_callback, nullptr), "open zip");
    write_items(a, out);
    check(a, archive_write_close(a), "zip close");
    archive_write_free(a);
    return out;
}

std::string gzip_bytes(const std::string& bytes) {
    std::string out;
    archive* a = archive_write_new();
    archive_write_set_format_raw(a);
    archive_write_add_filter_gzip(a);
    archive_write_set_bytes_in_last_block(a, 1); // no zero padding after the gzip stream
    check(a, archive_write_open(a, &out, nullptr, append_callback, nullptr), "open gzip");
    archive_entry* entry = archive_entry_new();
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_pathname(entry, "data");
    archive_entry_set_size(entry, static_cast<la_int64_t>(bytes.size()));
    check(a, archive_write_header(a, entry), "gzip header");
    if (!bytes.empty() && archive_write_data(a, bytes.data(), bytes.size()) < 0) {
        check(a, ARCHIVE_FATAL, "gzip data");
    }
    archive_entry_free(entry);
    check(a, archive_write_close(a), "gzip close");
    archive_write_free(a);
    return out;
}

std::string ArchiveBuilder::tar_gz() const {
    return gzip_bytes(tar());
}

void ArchiveBuilder::write_tar_gz(const std::filesystem::path& out) const {
    const std::string bytes = tar_gz();
    std::ofstream stream(out, std::ios::binary | std::ios::trunc);
    stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!stream) {
        throw std::runtime_error("cannot write " + out.string());
    }
}

ArchiveBuilder synthetic_toolchain(const std::string& version) {
    ArchiveBuilder b;
    b.file("go/VERSION", "go" + version + "\ntime 2024-01-01T00:00:00Z\n");
    b.file("go/bin/go", "#!/bin/sh\necho \"go version go" + version + " linux/amd64\"\n", 0755);
    b.file("go/bin/gofmt", "#!/bin/sh\nexit 0\n", 0755);
    b.file("go/src/README", "synthetic toolchain for gover's tests\n");
    return b;
}

std::vector<std::string> hostile_kinds() {
    return {"dotdot", "absolute", "symlink-escape", "symlink-absolute", "dir-symlink", "hardlink",
            "device", "fifo",     "huge",           "no-prefix"};
}

ArchiveBuilder hostile_toolchain(const std::string& kind, const std::string& version,
                                 const std::string& outside) {
    // Enough ".." to reach / from any staging depth, then down into `outside`.
    std::string climb;
    for (int i = 0; i < 40; ++i) {
        climb += "../";
    }
    const std::string rel_outside = climb + outside.substr(outside.find_first_not_of('/'));
    ArchiveBuilder b = synthetic_toolchain(version);
    if (kind == "dotdot") {
        b.file("go/" + rel_outside + "/dotdot-pwned", "pwned\n");
    } else if (kind == "absolute") {
        b.file(outside + "/absolute-pwned", "pwned\n");
    } else if (kind == "symlink-escape") {
        b.symlink("go/escape", rel_outside);
        b.file("go/escape/symlink-pwned", "pwned\n");
    } else if (kind == "symlink-absolute") {
        b.symlink("go/escape", outside);
        b.file("go/escape/symlink-pwned", "pwned\n");
    } else if (kind == "dir-symlink") {
        b.dir("go/lib");
        b.file("go/lib/ok", "fine\n");
        b.symlink("go/lib", outside);
        b.file("go/lib/dir-pwned", "pwned\n");
    } else if (kind == "hardlink") {
        b.hardlink("go/hardlink", outside + "/victim");
    } else if (kind == "device") {
        b.char_device("go/dev-null");
    } else if (kind == "fifo") {
        b.fifo("go/fifo");
    } else if (kind == "huge") {
        b.huge_file("go/huge", 100ull << 30);
    } else if (kind == "no-prefix") {
        ArchiveBuilder bare;
        bare.file("VERSION", "go" + version + "\n");
        bare.file("bin/go", "#!/bin/sh\necho \"go version go" + version + " linux/amd64\"\n", 0755);
        return bare;
    } else if (kind == "setuid") {
        ArchiveBuilder special;
        special.file("go/VERSION", "go" + version + "\n");
        special.file("go/bin/go", "#!/bin/sh\necho \"go version go" + version + " linux/amd64\"\n",
                     04755);
        special.file("go/pkg/setgid-sticky", "data\n", 03644);
        return special;
    } else {
        throw std::invalid_argument("unknown hostile archive kind: " + kind);
    }
    return b;
}

} // namespace gover::test
