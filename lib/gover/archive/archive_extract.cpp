#include "gover/archive/archive_extract.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <optional>
#include <unistd.h>
#include <vector>

#include <archive.h>
#include <archive_entry.h>

#include "gover/archive/gzip_inflate.hpp"
#include "gover/archive/tree_writer.hpp"
#include "gover/base/sha256.hpp"

namespace gover {
namespace {

struct ArchiveFree {
    void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;

// Feeds libarchive from a ByteSource and keeps the source's own error, which names the real
// cause (network, interruption) better than libarchive's wrapper text.
struct ReadState {
    ByteSource* source = nullptr;
    std::optional<Error> error;
};

la_ssize_t read_callback(archive* a, void* client, const void** buffer) {
    auto* state = static_cast<ReadState*>(client);
    auto block = state->source->read();
    if (!block) {
        state->error = block.error();
        archive_set_error(a, EIO, "%s", block.error().message.c_str());
        return -1;
    }
    *buffer = block->data();
    return static_cast<la_ssize_t>(block->size());
}

EntryKind kind_of(archive_entry* entry) {
    if (archive_entry_hardlink(entry) != nullptr) {
        return EntryKind::hardlink;
    }
    switch (archive_entry_filetype(entry)) {
    case AE_IFREG:
        return EntryKind::file;
    case AE_IFDIR:
        return EntryKind::directory;
    case AE_IFLNK:
        return EntryKind::symlink;
    case AE_IFCHR:
        return EntryKind::char_device;
    case AE_IFBLK:
        return EntryKind::block_device;
    case AE_IFIFO:
        return EntryKind::fifo;
    case AE_IFSOCK:
        return EntryKind::socket;
    default:
        return EntryKind::unknown;
    }
}

ArchiveEntryInfo info_of(archive_entry* entry) {
    ArchiveEntryInfo info;
    const char* path = archive_entry_pathname(entry);
    info.path = path ? path : "";
    info.kind = kind_of(entry);
    if (info.kind == EntryKind::hardlink) {
        info.link_target = archive_entry_hardlink(entry);
    } else if (const char* target = archive_entry_symlink(entry); target != nullptr) {
        info.link_target = target;
    }
    const la_int64_t size = archive_entry_size(entry);
    info.size = size > 0 ? static_cast<std::uint64_t>(size) : 0;
    info.mode = static_cast<unsigned>(archive_entry_perm(entry));
    return info;
}

std::string errno_text(archive* a) {
    const int err = archive_errno(a);
    const char* text = archive_error_string(a);
    std::string out = text ? text : "unknown error";
    // libarchive's "Write failed" hides ENOSPC and friends; say what the system said.
    if (err > 0 && out.find(std::strerror(err)) == std::string::npos) {
        out += ": ";
        out += std::strerror(err);
    }
    return out;
}

// Whether libarchive still has the gzip layer to inflate (no ISA-L in this build).
enum class Layer { tar_gz, tar };

class Extractor {
  public:
    Extractor(ByteSource& source, const std::filesystem::path& dest, const ExtractOptions& options,
              Layer layer)
        : options_(options), filter_(options.limits), layer_(layer), dest_(dest) {
        state_.source = &source;
    }

    Result<ExtractResult> run();

  private:
    tl::unexpected<Error> read_failure(const std::string& what);
    Status write_entry(archive_entry* entry, const AcceptedEntry& accepted);
    Status copy_data(const AcceptedEntry& accepted, std::uint64_t declared, ManifestEntry& record);
    bool cancelled() const { return options_.cancelled && options_.cancelled(); }

    const ExtractOptions& options_;
    EntryFilter filter_;
    Layer layer_;
    ReadState state_;
    std::filesystem::path dest_;
    ArchivePtr reader_;
    std::unique_ptr<TreeWriter> writer_; // libarchive only reads; gover writes
    ExtractResult result_;
};

tl::unexpected<Error> Extractor::read_failure(const std::string& what) {
    if (state_.error) {
        return tl::unexpected(*state_.error);
    }
    return fail(ErrorCode::archive,
                "cannot unpack " + options_.source_name + ": " + what + errno_text(reader_.get()),
                "the download is not a valid Go archive; nothing was installed");
}

Result<ExtractResult> Extractor::run() {
    auto writer = TreeWriter::open(dest_);
    if (!writer) {
        return tl::unexpected(writer.error());
    }
    writer_ = std::move(*writer);
    reader_.reset(archive_read_new());
    if (!reader_) {
        return fail(ErrorCode::internal, "libarchive could not allocate a handle");
    }
    if (layer_ == Layer::tar_gz) {
        archive_read_support_filter_gzip(reader_.get());
    }
    archive_read_support_format_tar(reader_.get());
    if (archive_read_open(reader_.get(), &state_, nullptr, read_callback, nullptr) != ARCHIVE_OK) {
        return read_failure("");
    }

    while (true) {
        if (cancelled()) {
            return fail(ErrorCode::interrupted,
                        "interrupted while unpacking " + options_.source_name);
        }
        archive_entry* entry = nullptr;
        const int r = archive_read_next_header(reader_.get(), &entry);
        if (r == ARCHIVE_EOF) {
            break;
        }
        if (r < ARCHIVE_WARN) {
            return read_failure("");
        }
        auto accepted = filter_.check(info_of(entry));
        if (!accepted) {
            Error error = accepted.error();
            error.message = options_.source_name + ": " + error.message;
            error.hint = "the archive is unsafe; nothing was installed";
            return tl::unexpected(error);
        }
        if (accepted->is_root()) {
            continue;
        }
        if (auto written = write_entry(entry, *accepted); !written) {
            return tl::unexpected(written.error());
        }
    }
    return std::move(result_);
}

// Nothing from the archive but name, type, mode (as the filter masked it), size, data and
// symlink target reaches the disk: no owner, times, ACLs, extended attributes or flags.
Status Extractor::write_entry(archive_entry* entry, const AcceptedEntry& accepted) {
    if (accepted.kind == EntryKind::directory) {
        return writer_->make_directory(accepted.relative);
    }
    if (accepted.kind == EntryKind::symlink) {
        if (auto made = writer_->make_symlink(accepted.relative, accepted.link_target); !made) {
            return made;
        }
        result_.manifest.push_back(ManifestEntry{accepted.relative, ManifestEntry::Kind::symlink, 0,
                                                 "", accepted.link_target});
        return {};
    }
    // A repeated file replaces the earlier copy (tar: the last one wins); the filter allows that.
    if (auto created = writer_->begin_file(accepted.relative, accepted.mode, true); !created) {
        return created;
    }
    ManifestEntry record;
    record.path = accepted.relative;
    record.kind = ManifestEntry::Kind::file;
    const la_int64_t declared = archive_entry_size(entry);
    if (auto copied =
            copy_data(accepted, declared > 0 ? static_cast<std::uint64_t>(declared) : 0, record);
        !copied) {
        return copied;
    }
    if (auto closed = writer_->end_file(record.size); !closed) {
        return closed;
    }
    result_.files += 1;
    result_.bytes += record.size;
    result_.manifest.push_back(std::move(record));
    return {};
}

Status Extractor::copy_data(const AcceptedEntry& accepted, std::uint64_t declared,
                            ManifestEntry& record) {
    std::optional<Sha256> hasher;
    if (manifest_hashes(accepted.relative)) {
        hasher.emplace();
    }
    static const std::array<std::byte, 4096> k_zeros{};
    std::uint64_t hashed_to = 0;
    // Sparse holes read as zeros, so the manifest hash matches the file on disk.
    auto hash_zeros_until = [&](std::uint64_t offset) {
        while (hashed_to < offset) {
            const auto n = static_cast<std::size_t>(
                std::min<std::uint64_t>(offset - hashed_to, k_zeros.size()));
            hasher->update(std::span(k_zeros.data(), n));
            hashed_to += n;
        }
    };
    while (true) {
        if (cancelled()) {
            return fail(ErrorCode::interrupted,
                        "interrupted while unpacking " + options_.source_name);
        }
        const void* block = nullptr;
        std::size_t size = 0;
        la_int64_t offset = 0;
        const int r = archive_read_data_block(reader_.get(), &block, &size, &offset);
        if (r == ARCHIVE_EOF) {
            break;
        }
        if (r < ARCHIVE_WARN) {
            return read_failure("");
        }
        const std::span bytes(static_cast<const std::byte*>(block), size);
        if (auto written = writer_->write(bytes, static_cast<std::uint64_t>(offset)); !written) {
            return written;
        }
        if (hasher) {
            hash_zeros_until(static_cast<std::uint64_t>(offset));
            hasher->update(bytes);
            hashed_to = static_cast<std::uint64_t>(offset) + size;
        }
    }
    record.size = declared;
    if (hasher) {
        hash_zeros_until(declared);
        record.sha256 = hasher->finish();
    }
    return {};
}

} // namespace

Result<ExtractResult> extract_archive(ByteSource& source, const std::filesystem::path& dest,
                                      const ExtractOptions& options) {
    // ISA-L inflates several times faster than libarchive's zlib filter (bench/README.md).
    if (auto inflater = make_gzip_inflater(source, options.source_name)) {
        Extractor extractor(*inflater, dest, options, Layer::tar);
        auto result = extractor.run();
        // The tar ends before the gzip trailer does: read on, so that its CRC-32 and length are
        // checked too (libarchive's zlib filter never gets that far).
        while (result) {
            auto rest = inflater->read();
            if (!rest) {
                return tl::unexpected(rest.error());
            }
            if (rest->empty()) {
                break;
            }
        }
        return result;
    }
    Extractor extractor(source, dest, options, Layer::tar_gz);
    return extractor.run();
}

namespace {

// Reads a local archive in large blocks.
class FileSource final : public ByteSource {
  public:
    explicit FileSource(int fd) : fd_(fd), buffer_(256 * 1024) {}
    ~FileSource() override { ::close(fd_); }
    FileSource(const FileSource&) = delete;
    FileSource& operator=(const FileSource&) = delete;

    Result<std::span<const std::byte>> read() override {
        while (true) {
            const ssize_t n = ::read(fd_, buffer_.data(), buffer_.size());
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n < 0) {
                return fail(ErrorCode::io,
                            std::string("cannot read archive: ") + std::strerror(errno));
            }
            return std::span<const std::byte>(buffer_.data(), static_cast<std::size_t>(n));
        }
    }

  private:
    int fd_;
    std::vector<std::byte> buffer_;
};

} // namespace

Result<ExtractResult> extract_archive_file(const std::filesystem::path& archive_path,
                                           const std::filesystem::path& dest,
                                           ExtractOptions options) {
    const int fd = ::open(archive_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return fail(ErrorCode::io,
                    "cannot open " + archive_path.string() + ": " + std::strerror(errno));
    }
    FileSource source(fd);
    if (options.source_name.empty()) {
        options.source_name = archive_path.filename().string();
    }
    return extract_archive(source, dest, options);
}

} // namespace gover
