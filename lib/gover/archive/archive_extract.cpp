#include "gover/archive/archive_extract.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <optional>
#include <unistd.h>
#include <vector>

#include <archive.h>
#include <archive_entry.h>

#include "gover/archive/gzip_inflate.hpp"
#include "gover/base/sha256.hpp"
#include "gover/base/thread_cwd.hpp"

namespace gover {
namespace {

struct ArchiveFree {
    void operator()(archive* a) const { archive_free(a); } // read and write handles alike
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
    std::string root_; // dest_ with symlinks resolved, so SECURE_SYMLINKS sees none above it
    // Inside root_, libarchive gets relative paths and checks only the components under it.
    // Declared before writer_: the writer's last directory fix-ups must run inside root_.
    ThreadCwd cwd_;
    bool relative_ = false;
    ArchivePtr reader_;
    ArchivePtr writer_;
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
    std::array<char, PATH_MAX> resolved{};
    if (::realpath(dest_.c_str(), resolved.data()) == nullptr) {
        return fail(ErrorCode::io,
                    "cannot use staging directory " + dest_.string() + ": " + std::strerror(errno));
    }
    root_ = resolved.data();

    reader_.reset(archive_read_new());
    writer_.reset(archive_write_disk_new());
    if (!reader_ || !writer_) {
        return fail(ErrorCode::internal, "libarchive could not allocate a handle");
    }
    if (layer_ == Layer::tar_gz) {
        archive_read_support_filter_gzip(reader_.get());
    }
    archive_read_support_format_tar(reader_.get());
    // PERM makes the masked modes exact (no umask surprises); no OWNER, TIME, ACL or XATTR.
    relative_ = cwd_.enter(root_.c_str());
    archive_write_disk_set_options(writer_.get(),
                                   ARCHIVE_EXTRACT_PERM | ARCHIVE_EXTRACT_SECURE_SYMLINKS |
                                       ARCHIVE_EXTRACT_SECURE_NODOTDOT |
                                       (relative_ ? ARCHIVE_EXTRACT_SECURE_NOABSOLUTEPATHS : 0));
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
    // Directory modes are applied when the writer closes.
    if (archive_write_close(writer_.get()) != ARCHIVE_OK) {
        return fail(ErrorCode::io, "cannot finish unpacking into " + dest_.string() + ": " +
                                       errno_text(writer_.get()));
    }
    return std::move(result_);
}

Status Extractor::write_entry(archive_entry* entry, const AcceptedEntry& accepted) {
    const std::string target = root_ + "/" + accepted.relative;
    archive_entry_set_pathname(entry, relative_ ? accepted.relative.c_str() : target.c_str());
    archive_entry_set_perm(entry, static_cast<mode_t>(accepted.mode));
    // Nothing from the archive but name, type, mode, size and symlink target reaches the disk.
    archive_entry_set_uid(entry, 0);
    archive_entry_set_gid(entry, 0);
    archive_entry_acl_clear(entry);
    archive_entry_xattr_clear(entry);
    archive_entry_set_fflags(entry, 0, 0);
    const int r = archive_write_header(writer_.get(), entry);
    if (r != ARCHIVE_OK) {
        return fail(ErrorCode::io, "cannot create " + target + ": " + errno_text(writer_.get()),
                    "check free space and permissions under GOVER_HOME");
    }
    if (accepted.kind == EntryKind::file) {
        ManifestEntry record;
        record.path = accepted.relative;
        record.kind = ManifestEntry::Kind::file;
        const la_int64_t declared = archive_entry_size(entry);
        if (auto copied = copy_data(
                accepted, declared > 0 ? static_cast<std::uint64_t>(declared) : 0, record);
            !copied) {
            return copied;
        }
        result_.files += 1;
        result_.bytes += record.size;
        result_.manifest.push_back(std::move(record));
    } else if (accepted.kind == EntryKind::symlink) {
        result_.manifest.push_back(ManifestEntry{accepted.relative, ManifestEntry::Kind::symlink, 0,
                                                 "", accepted.link_target});
    }
    if (archive_write_finish_entry(writer_.get()) != ARCHIVE_OK) {
        return fail(ErrorCode::io, "cannot write " + target + ": " + errno_text(writer_.get()),
                    "check free space and permissions under GOVER_HOME");
    }
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
        if (archive_write_data_block(writer_.get(), block, size, offset) < ARCHIVE_OK) {
            return fail(ErrorCode::io,
                        "cannot write " + root_ + "/" + accepted.relative + ": " +
                            errno_text(writer_.get()),
                        "check free space and permissions under GOVER_HOME");
        }
        if (hasher) {
            hash_zeros_until(static_cast<std::uint64_t>(offset));
            hasher->update(std::span(static_cast<const std::byte*>(block), size));
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
