#include "gover/import/tree_copy.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>
#include <vector>

#include "gover/base/atomic_file.hpp"
#include "gover/base/interrupt.hpp"
#include "gover/base/sha256.hpp"
#include "gover/source/goproxy_zip.hpp"
#include "gover/sumdb/module_hash.hpp"

namespace gover {
namespace fs = std::filesystem;
namespace {

// Deeper than any Go tree; a bound on links leading out of the tree and back.
constexpr std::size_t k_max_depth = 64;
constexpr std::size_t k_buffer_bytes = 256 * 1024;

Error io_error(const std::string& what, const fs::path& path, int err) {
    return Error{ErrorCode::io, "cannot " + what + " " + path.string() + ": " + std::strerror(err),
                 ""};
}

class OwnedFd {
  public:
    explicit OwnedFd(int fd) : fd_(fd) {}
    ~OwnedFd() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    OwnedFd(const OwnedFd&) = delete;
    OwnedFd& operator=(const OwnedFd&) = delete;
    int get() const { return fd_; }
    int close() { return ::close(std::exchange(fd_, -1)); }

  private:
    int fd_;
};

struct StagedFile {
    std::uint64_t size = 0;
    std::string sha256; // when asked for
};

// Copies `src` into the new file `dst` with `mode`, hashing the bytes when `hash`.
Result<StagedFile> copy_file_bytes(const fs::path& src, const fs::path& dst, mode_t mode, bool hash,
                                   bool follow) {
    OwnedFd in(::open(src.c_str(), O_RDONLY | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW)));
    if (in.get() < 0) {
        return tl::unexpected(io_error("read", src, errno));
    }
    OwnedFd out(::open(dst.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (out.get() < 0) {
        return tl::unexpected(io_error("create", dst, errno));
    }
    Sha256 sha;
    StagedFile staged;
    std::vector<char> buffer(k_buffer_bytes);
    while (true) {
        const ssize_t n = ::read(in.get(), buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return tl::unexpected(io_error("read", src, errno));
        }
        if (n == 0) {
            break;
        }
        const std::string_view bytes(buffer.data(), static_cast<std::size_t>(n));
        if (hash) {
            sha.update(bytes);
        }
        if (const int err = write_all(out.get(), bytes); err != 0) {
            return tl::unexpected(io_error("write", dst, err));
        }
        staged.size += static_cast<std::uint64_t>(n);
    }
    ::fchmod(out.get(), mode); // whatever the umask said
    if (out.close() != 0) {
        return tl::unexpected(io_error("write", dst, errno));
    }
    if (hash) {
        staged.sha256 = sha.finish();
    }
    return staged;
}

class Copier {
  public:
    Copier(const fs::path& to, const TreeCopyRules& rules) : to_(to), rules_(rules) {}

    Status copy_dir(const fs::path& src, const std::string& rel);
    Status make_go_mods();
    CopiedTree take() {
        if (module()) {
            out_.h1 = hash_.finish();
        }
        return std::move(out_);
    }

  private:
    bool module() const { return !rules_.module_prefix.empty(); }
    Error refuse(const fs::path& src, const std::string& why) const {
        return Error{ErrorCode::archive, src.string() + " " + why,
                     module() ? "Go unpacks only files and directories into its module cache"
                              : "remove it from the tree, or install the version instead"};
    }
    Status copy_entry(const fs::path& src, const std::string& rel);
    Status copy_link(const fs::path& src, const std::string& rel);
    Status copy_file(const fs::path& src, const std::string& rel, const struct stat& st,
                     bool follow);
    Status record_file(const std::string& rel, const StagedFile& staged);

    const fs::path& to_;
    const TreeCopyRules& rules_;
    std::vector<std::pair<dev_t, ino_t>> open_dirs_; // being copied: a link back is a loop
    std::vector<std::string> go_mods_;               // staged _go.mod files
    sumdb::ModuleHash1 hash_;
    CopiedTree out_;
};

Status Copier::copy_dir(const fs::path& src, const std::string& rel) {
    struct stat st {};
    if (::stat(src.c_str(), &st) != 0) {
        return tl::unexpected(io_error("read", src, errno));
    }
    const std::pair<dev_t, ino_t> id{st.st_dev, st.st_ino};
    if (std::find(open_dirs_.begin(), open_dirs_.end(), id) != open_dirs_.end()) {
        return tl::unexpected(refuse(src, "leads back into a directory that holds it (a loop)"));
    }
    if (open_dirs_.size() >= k_max_depth) {
        return tl::unexpected(refuse(src, "is nested too deeply"));
    }
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(src, ec), end; !ec && it != end; it.increment(ec)) {
        names.push_back(it->path().filename().string());
    }
    if (ec) {
        return fail(ErrorCode::io, "cannot list " + src.string() + ": " + ec.message());
    }
    std::sort(names.begin(), names.end());
    const bool has_underscore_go_mod =
        std::binary_search(names.begin(), names.end(), std::string("_go.mod"));
    open_dirs_.push_back(id);
    for (const auto& name : names) {
        if (interrupted()) {
            return fail(ErrorCode::interrupted, "interrupted while copying " + src.string());
        }
        if (module() && name == "go.mod" && has_underscore_go_mod) {
            continue; // Go's copy of _go.mod: not in the zip, made again from the staged one
        }
        if (auto ok = copy_entry(src / name, rel.empty() ? name : rel + "/" + name); !ok) {
            return ok;
        }
    }
    open_dirs_.pop_back();
    return {};
}

Status Copier::copy_entry(const fs::path& src, const std::string& rel) {
    struct stat st {};
    if (::lstat(src.c_str(), &st) != 0) {
        return tl::unexpected(io_error("read", src, errno));
    }
    if (S_ISDIR(st.st_mode)) {
        if (::mkdir((to_ / rel).c_str(), 0755) != 0) {
            return tl::unexpected(io_error("create", to_ / rel, errno));
        }
        return copy_dir(src, rel);
    }
    if (S_ISREG(st.st_mode)) {
        return copy_file(src, rel, st, false);
    }
    if (S_ISLNK(st.st_mode) && !module()) {
        return copy_link(src, rel);
    }
    return tl::unexpected(refuse(src, S_ISLNK(st.st_mode)
                                          ? "is a symlink, which no module zip holds"
                                          : "is not a regular file, directory or symlink"));
}

Status Copier::copy_link(const fs::path& src, const std::string& rel) {
    std::error_code ec;
    const fs::path target = fs::read_symlink(src, ec);
    if (ec) {
        return fail(ErrorCode::io, "cannot read the link " + src.string() + ": " + ec.message());
    }
    const fs::path resolved = (fs::path(rel).parent_path() / target).lexically_normal();
    if (target.is_relative() && (resolved.empty() || *resolved.begin() != "..")) {
        if (::symlink(target.c_str(), (to_ / rel).c_str()) != 0) {
            return tl::unexpected(io_error("create", to_ / rel, errno));
        }
        out_.manifest.push_back(
            ManifestEntry{rel, ManifestEntry::Kind::symlink, 0, "", target.string()});
        return {};
    }
    // Leading out of the tree: what it points at is copied in, as `cp -L` would.
    struct stat st {};
    if (::stat(src.c_str(), &st) != 0) {
        return tl::unexpected(
            refuse(src, "is a link to " + target.string() + ", which is missing"));
    }
    if (S_ISDIR(st.st_mode)) {
        if (::mkdir((to_ / rel).c_str(), 0755) != 0) {
            return tl::unexpected(io_error("create", to_ / rel, errno));
        }
        return copy_dir(src, rel);
    }
    if (!S_ISREG(st.st_mode)) {
        return tl::unexpected(refuse(src, "is a link to something that is not a file"));
    }
    return copy_file(src, rel, st, true);
}

Status Copier::copy_file(const fs::path& src, const std::string& rel, const struct stat& st,
                         bool follow) {
    const bool executable = module() ? toolchain_file_is_executable(rel) : (st.st_mode & 0111) != 0;
    const mode_t mode = module() ? (executable ? 0755 : 0644) : (st.st_mode & 0777);
    const bool hash = module() || manifest_hashes(rel);
    const fs::path dst = to_ / rel;
    // A hard link shares the source's mode: only for files nobody may write (so neither copy
    // can change the other) that already run when they must.
    const bool read_only = (st.st_mode & 0222) == 0;
    const bool runs = !executable || (st.st_mode & 0111) == 0111;
    if (read_only && runs &&
        ::linkat(AT_FDCWD, src.c_str(), AT_FDCWD, dst.c_str(), AT_SYMLINK_FOLLOW) == 0) {
        ++out_.linked;
        StagedFile staged{static_cast<std::uint64_t>(st.st_size), ""};
        if (hash) {
            auto digest = sha256_file(dst); // the staged inode, whatever the source path is now
            if (!digest) {
                return tl::unexpected(digest.error());
            }
            staged.sha256 = std::move(*digest);
        }
        return record_file(rel, staged);
    }
    auto staged = copy_file_bytes(src, dst, mode, hash, follow);
    if (!staged) {
        return tl::unexpected(staged.error());
    }
    return record_file(rel, *staged);
}

Status Copier::record_file(const std::string& rel, const StagedFile& staged) {
    out_.manifest.push_back(ManifestEntry{rel, ManifestEntry::Kind::file, staged.size,
                                          manifest_hashes(rel) ? staged.sha256 : "", ""});
    out_.bytes += staged.size;
    if (!module()) {
        return {};
    }
    if (rel == "_go.mod" || rel.ends_with("/_go.mod")) {
        go_mods_.push_back(rel);
    }
    return hash_.add(rules_.module_prefix + rel, staged.sha256);
}

// As cmd/go does after downloading a toolchain: each _go.mod also as go.mod beside it.
Status Copier::make_go_mods() {
    for (const auto& rel : go_mods_) {
        const std::string target = rel.substr(0, rel.size() - 7) + "go.mod";
        auto staged = copy_file_bytes(to_ / rel, to_ / target, 0644, false, false);
        if (!staged) {
            return tl::unexpected(staged.error());
        }
        out_.manifest.push_back(
            ManifestEntry{target, ManifestEntry::Kind::file, staged->size, "", ""});
        out_.bytes += staged->size;
    }
    return {};
}

} // namespace

Result<CopiedTree> copy_toolchain_tree(const fs::path& from, const fs::path& to,
                                       const TreeCopyRules& rules) {
    Copier copier(to, rules);
    if (auto ok = copier.copy_dir(from, ""); !ok) {
        return tl::unexpected(ok.error());
    }
    if (auto ok = copier.make_go_mods(); !ok) {
        return tl::unexpected(ok.error());
    }
    return copier.take();
}

} // namespace gover
