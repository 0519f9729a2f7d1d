#include "gover/source/goproxy_zip.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>
#include <utility>
#include <vector>

#include "gover/archive/tree_writer.hpp"
#include "gover/archive/zip_directory.hpp"
#include "gover/archive/zip_entry_reader.hpp"
#include "gover/base/interrupt.hpp"
#include "gover/base/sha256.hpp"
#include "gover/sumdb/module_hash.hpp"

namespace gover {
namespace {

std::string fold_case(std::string_view name) {
    std::string out(name);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

// The downloaded zip, read by offset (its central directory is at the end).
class ZipFile {
  public:
    static Result<ZipFile> open(const std::filesystem::path& path) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            return fail(ErrorCode::io,
                        "cannot read " + path.string() + ": " + std::strerror(errno));
        }
        return ZipFile(fd, path.string());
    }
    ZipFile(ZipFile&& other) noexcept
        : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)) {}
    ZipFile(const ZipFile&) = delete;
    ZipFile& operator=(const ZipFile&) = delete;
    ZipFile& operator=(ZipFile&&) = delete;
    ~ZipFile() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }

    Status read_at(std::uint64_t offset, std::span<std::byte> out) const {
        while (!out.empty()) {
            const ssize_t n = ::pread(fd_, out.data(), out.size(), static_cast<off_t>(offset));
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n <= 0) {
                return fail(ErrorCode::io, "cannot read " + path_ + ": " +
                                               (n < 0 ? std::strerror(errno) : "it ended early"));
            }
            out = out.subspan(static_cast<std::size_t>(n));
            offset += static_cast<std::uint64_t>(n);
        }
        return {};
    }

  private:
    ZipFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
    int fd_;
    std::string path_;
};

// An entry that passed every check, with its path below the prefix.
struct CheckedEntry {
    const ZipEntry* entry;
    std::string relative;
};

// State of one unpack: limits, names seen, the hash and the manifest being built.
struct Unpacker {
    TreeWriter& writer;
    std::string_view prefix;
    const std::string& source;
    const ModuleZipLimits& limits;
    ZipEntryReader reader;
    sumdb::ModuleHash1 hash;
    std::set<std::string> folded; // every name in the zip, case folded
    UnpackedModule out;

    Error bad(const std::string& entry, const std::string& why) const {
        return Error{ErrorCode::archive,
                     "refusing " + source + ": " + zip_entry_label(entry) + " " + why,
                     "the proxy served a zip that is not a Go toolchain module; nothing was "
                     "installed"};
    }
    // A damaged zip (the reader's archive errors), or the reader's other errors as they were.
    Error damaged(const Error& error, bool in_directory) const {
        if (error.code == ErrorCode::interrupted) {
            return Error{ErrorCode::interrupted, "interrupted while unpacking " + source, ""};
        }
        if (error.code != ErrorCode::archive) {
            return error;
        }
        return Error{
            ErrorCode::archive,
            "refusing " + source + ": " +
                (in_directory ? "not a readable zip (" + error.message + ")" : error.message),
            "the proxy served a damaged zip; nothing was installed"};
    }

    // Every entry checked before anything is written, as cmd/go checks a module zip first.
    Result<std::vector<CheckedEntry>> check_all(const ZipDirectory& directory);
    Status unpack_entry(const ZipReadAt& read_at, const ZipDirectory& directory,
                        const CheckedEntry& checked);
    Status copy_go_mod(const std::string& relative);
};

Result<std::vector<CheckedEntry>> Unpacker::check_all(const ZipDirectory& directory) {
    std::vector<CheckedEntry> checked;
    checked.reserve(directory.entries.size());
    std::uint64_t declared = 0;
    for (const ZipEntry& entry : directory.entries) {
        const std::string& name = entry.name;
        if (!name.starts_with(prefix)) {
            return tl::unexpected(bad(name, "lies outside " + std::string(prefix)));
        }
        std::string relative = name.substr(prefix.size());
        if (entry.type != ZipEntry::Type::file) {
            return tl::unexpected(bad(name, "is not a regular file"));
        }
        if (!is_clean_relative_path(relative)) {
            return tl::unexpected(bad(name, "is not a clean relative path"));
        }
        if (!folded.insert(fold_case(name)).second) {
            return tl::unexpected(bad(name, "has the same name as another entry, ignoring case"));
        }
        if (entry.size > limits.max_unpacked - std::min(limits.max_unpacked, declared)) {
            return tl::unexpected(bad(name, "makes the toolchain larger than " +
                                                std::to_string(limits.max_unpacked >> 20) +
                                                " MiB unpacked"));
        }
        declared += entry.size;
        checked.push_back(CheckedEntry{&entry, std::move(relative)});
    }
    if (checked.empty()) {
        return fail(ErrorCode::archive, "refusing " + source + ": the zip holds no files",
                    "nothing was installed");
    }
    return checked;
}

Status Unpacker::unpack_entry(const ZipReadAt& read_at, const ZipDirectory& directory,
                              const CheckedEntry& checked) {
    const ZipEntry& entry = *checked.entry;
    const std::string& relative = checked.relative;
    auto data = zip_entry_data_offset(read_at, directory, entry);
    if (!data) {
        return tl::unexpected(damaged(data.error(), false));
    }
    const bool executable = toolchain_file_is_executable(relative);
    if (auto created = writer.begin_file(relative, executable ? 0755 : 0644); !created) {
        return created;
    }
    Sha256 sha;
    std::uint64_t size = 0;
    const auto sink = [&](std::span<const std::byte> bytes) -> Status {
        if (interrupted()) {
            return fail(ErrorCode::interrupted, "interrupted while unpacking " + source);
        }
        sha.update(bytes);
        const std::uint64_t at = size;
        size += bytes.size();
        return writer.write(bytes, at);
    };
    if (auto ok = reader.read(read_at, *data, entry, sink); !ok) {
        return tl::unexpected(damaged(ok.error(), false));
    }
    out.unpacked += size;
    if (auto closed = writer.end_file(size); !closed) {
        return closed;
    }
    const std::string digest = sha.finish();
    if (auto ok = hash.add(entry.name, digest); !ok) {
        return ok;
    }
    out.manifest.push_back(ManifestEntry{relative, ManifestEntry::Kind::file, size,
                                         manifest_hashes(relative) ? digest : "", ""});
    if (relative == "_go.mod" || relative.ends_with("/_go.mod")) {
        return copy_go_mod(relative);
    }
    return {};
}

Status Unpacker::copy_go_mod(const std::string& relative) {
    const std::string target = relative.substr(0, relative.size() - 7) + "go.mod";
    if (folded.contains(fold_case(std::string(prefix) + target))) {
        return {}; // the zip has its own go.mod there
    }
    if (auto copied = writer.copy_file(relative, target,
                                       toolchain_file_is_executable(relative) ? 0755 : 0644);
        !copied) {
        return copied;
    }
    const auto& from = out.manifest.back();
    out.unpacked += from.size;
    out.manifest.push_back(ManifestEntry{target, ManifestEntry::Kind::file, from.size, "", ""});
    return {};
}

} // namespace

bool is_clean_relative_path(std::string_view path) {
    if (path.empty() || path.front() == '/' || path.back() == '/') {
        return false;
    }
    for (char c : path) {
        if (c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            return false;
        }
    }
    return has_plain_components(path);
}

bool toolchain_file_is_executable(std::string_view relative) {
    if (relative.starts_with("bin/") || relative.starts_with("pkg/tool/")) {
        return true;
    }
    if (!relative.starts_with("lib/")) {
        return false;
    }
    const auto slash = relative.rfind('/');
    const std::string_view base = relative.substr(slash + 1);
    // go_<os>_<arch>_exec
    if (!base.starts_with("go_") || !base.ends_with("_exec")) {
        return false;
    }
    const std::string_view middle = base.substr(3, base.size() - 8);
    const auto underscore = middle.find('_');
    return base.size() > 8 && underscore != std::string_view::npos && underscore > 0 &&
           underscore + 1 < middle.size() &&
           middle.find('_', underscore + 1) == std::string_view::npos;
}

Result<UnpackedModule> unpack_module_zip(const std::filesystem::path& zip, std::string_view prefix,
                                         const std::filesystem::path& staging,
                                         const std::string& source, const ModuleZipLimits& limits) {
    std::error_code ec;
    const auto compressed = std::filesystem::file_size(zip, ec);
    if (ec) {
        return fail(ErrorCode::io, "cannot read " + zip.string() + ": " + ec.message());
    }
    if (compressed > limits.max_compressed) {
        return fail(ErrorCode::archive,
                    "refusing " + source + ": " + std::to_string(compressed) +
                        " bytes is larger than " + std::to_string(limits.max_compressed >> 20) +
                        " MiB",
                    "a Go toolchain module zip is far smaller; nothing was installed");
    }
    auto file = ZipFile::open(zip);
    if (!file) {
        return tl::unexpected(file.error());
    }
    const ZipReadAt read_at = [&](std::uint64_t offset, std::span<std::byte> bytes) {
        return file->read_at(offset, bytes);
    };
    auto writer = TreeWriter::open(staging);
    if (!writer) {
        return tl::unexpected(writer.error());
    }
    Unpacker unpacker{
        **writer, prefix, source, limits, ZipEntryReader([] { return interrupted(); }), {}, {}, {}};
    auto directory = read_zip_directory(read_at, compressed);
    if (!directory) {
        return tl::unexpected(unpacker.damaged(directory.error(), true));
    }
    auto checked = unpacker.check_all(*directory);
    if (!checked) {
        return tl::unexpected(checked.error());
    }
    for (const CheckedEntry& entry : *checked) {
        if (auto ok = unpacker.unpack_entry(read_at, *directory, entry); !ok) {
            return tl::unexpected(ok.error());
        }
    }
    unpacker.out.h1 = unpacker.hash.finish();
    return std::move(unpacker.out);
}

} // namespace gover
