#include "gover/source/goproxy_zip.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <locale.h> // NOLINT(modernize-deprecated-headers): newlocale/uselocale are POSIX, not in <clocale>
#include <memory>
#include <set>
#include <vector>

#include "gover/archive/tree_writer.hpp"
#include "gover/base/interrupt.hpp"
#include "gover/base/sha256.hpp"
#include "gover/sumdb/module_hash.hpp"

namespace gover {
namespace {

struct ArchiveFree {
    void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;

std::string fold_case(std::string_view name) {
    std::string out(name);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

// Go's zips flag their names as UTF-8, and libarchive converts such names to the locale's
// charset: in the C locale a name like "Äfoo.go" would be lost. A UTF-8 locale for this thread,
// while the zip is read, keeps every name as the zip holds it (what the h1: hashes).
class Utf8Locale {
  public:
    Utf8Locale() {
        for (const char* name : {"C.UTF-8", "C.utf8", "UTF-8", "en_US.UTF-8"}) {
            locale_ = ::newlocale(LC_CTYPE_MASK, name, static_cast<locale_t>(nullptr));
            if (locale_ != static_cast<locale_t>(nullptr)) {
                previous_ = ::uselocale(locale_);
                return;
            }
        }
    }
    ~Utf8Locale() {
        if (locale_ != static_cast<locale_t>(nullptr)) {
            ::uselocale(previous_);
            ::freelocale(locale_);
        }
    }
    Utf8Locale(const Utf8Locale&) = delete;
    Utf8Locale& operator=(const Utf8Locale&) = delete;

  private:
    locale_t locale_ = static_cast<locale_t>(nullptr);
    locale_t previous_ = static_cast<locale_t>(nullptr);
};

// The entry's name as the zip holds it (UTF-8 in Go's zips, whatever the locale).
std::string entry_name(archive_entry* entry) {
    const char* utf8 = archive_entry_pathname_utf8(entry);
    const char* raw = utf8 ? utf8 : archive_entry_pathname(entry);
    return raw ? raw : "";
}

// State of one unpack: limits, names seen, the hash and the manifest being built.
struct Unpacker {
    TreeWriter& writer;
    std::string_view prefix;
    const std::string& source;
    const ModuleZipLimits& limits;
    sumdb::ModuleHash1 hash;
    std::set<std::string> folded; // names seen, case folded
    UnpackedModule out;

    Error bad(const std::string& entry, const std::string& why) const {
        return Error{ErrorCode::archive, "refusing " + source + ": entry '" + entry + "' " + why,
                     "the proxy served a zip that is not a Go toolchain module; nothing was "
                     "installed"};
    }

    // The entry's path below the prefix, or an error saying why it may not be unpacked.
    Result<std::string> check(archive_entry* entry) {
        const std::string name = entry_name(entry);
        if (!name.starts_with(prefix)) {
            return tl::unexpected(bad(name, "lies outside " + std::string(prefix)));
        }
        const std::string relative = name.substr(prefix.size());
        if (archive_entry_filetype(entry) != AE_IFREG || name.ends_with('/')) {
            return tl::unexpected(bad(name, "is not a regular file"));
        }
        if (!is_clean_relative_path(relative)) {
            return tl::unexpected(bad(name, "is not a clean relative path"));
        }
        if (!folded.insert(fold_case(name)).second) {
            return tl::unexpected(bad(name, "has the same name as another entry, ignoring case"));
        }
        if (archive_entry_size_is_set(entry) &&
            static_cast<std::uint64_t>(archive_entry_size(entry)) >
                limits.max_unpacked - std::min(limits.max_unpacked, out.unpacked)) {
            return tl::unexpected(bad(name, "makes the toolchain larger than " +
                                                std::to_string(limits.max_unpacked >> 20) +
                                                " MiB unpacked"));
        }
        return relative;
    }

    Status unpack_entry(archive* reader, archive_entry* entry);
    Status copy_go_mod(const std::string& relative);
};

Status Unpacker::unpack_entry(archive* reader, archive_entry* entry) {
    auto relative = check(entry);
    if (!relative) {
        return tl::unexpected(relative.error());
    }
    const std::string name = entry_name(entry);
    const bool executable = toolchain_file_is_executable(*relative);
    if (auto created = writer.begin_file(*relative, executable ? 0755 : 0644); !created) {
        return created;
    }
    Sha256 sha;
    std::uint64_t size = 0;
    std::vector<char> buffer(64 * 1024);
    while (true) {
        if (interrupted()) {
            return fail(ErrorCode::interrupted, "interrupted while unpacking " + source);
        }
        const la_ssize_t n = archive_read_data(reader, buffer.data(), buffer.size());
        if (n < 0) {
            return tl::unexpected(
                bad(name, std::string("cannot be read: ") + archive_error_string(reader)));
        }
        if (n == 0) {
            break;
        }
        const std::uint64_t at = size;
        size += static_cast<std::uint64_t>(n);
        out.unpacked += static_cast<std::uint64_t>(n);
        if (out.unpacked > limits.max_unpacked) {
            return tl::unexpected(bad(name, "makes the toolchain larger than " +
                                                std::to_string(limits.max_unpacked >> 20) +
                                                " MiB unpacked"));
        }
        const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(buffer.data()),
                                               static_cast<std::size_t>(n));
        sha.update(bytes);
        if (auto ok = writer.write(bytes, at); !ok) {
            return ok;
        }
    }
    if (auto closed = writer.end_file(size); !closed) {
        return closed;
    }
    const std::string digest = sha.finish();
    if (auto ok = hash.add(name, digest); !ok) {
        return ok;
    }
    out.manifest.push_back(ManifestEntry{*relative, ManifestEntry::Kind::file, size,
                                         manifest_hashes(*relative) ? digest : "", ""});
    if (*relative == "_go.mod" || relative->ends_with("/_go.mod")) {
        return copy_go_mod(*relative);
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
    const Utf8Locale utf8;
    ArchivePtr reader(archive_read_new());
    if (!reader) {
        return fail(ErrorCode::internal, "out of memory");
    }
    archive_read_support_format_zip_seekable(reader.get());
    if (archive_read_open_filename(reader.get(), zip.c_str(), 64 * 1024) != ARCHIVE_OK) {
        return fail(ErrorCode::archive,
                    "refusing " + source + ": not a zip file (" +
                        archive_error_string(reader.get()) + ")",
                    "the proxy served something else; nothing was installed");
    }
    auto writer = TreeWriter::open(staging);
    if (!writer) {
        return tl::unexpected(writer.error());
    }
    Unpacker unpacker{**writer, prefix, source, limits, {}, {}, {}};
    while (true) {
        archive_entry* entry = nullptr;
        const int r = archive_read_next_header(reader.get(), &entry);
        if (r == ARCHIVE_EOF) {
            break;
        }
        if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
            return fail(ErrorCode::archive,
                        "refusing " + source + ": a malformed zip (" +
                            archive_error_string(reader.get()) + ")",
                        "the proxy served a damaged zip; nothing was installed");
        }
        if (auto ok = unpacker.unpack_entry(reader.get(), entry); !ok) {
            return tl::unexpected(ok.error());
        }
    }
    if (unpacker.hash.size() == 0) {
        return fail(ErrorCode::archive, "refusing " + source + ": the zip holds no files",
                    "nothing was installed");
    }
    unpacker.out.h1 = unpacker.hash.finish();
    return std::move(unpacker.out);
}

} // namespace gover
