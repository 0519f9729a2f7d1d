#include "gover/archive/tree_writer.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gover {
namespace {

constexpr int k_dir_flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
constexpr int k_file_flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;

// (parent directory, last name) of a relative path; the parent is "" at the root.
std::pair<std::string_view, std::string_view> split_last(std::string_view relative) {
    const auto slash = relative.rfind('/');
    if (slash == std::string_view::npos) {
        return {{}, relative};
    }
    return {relative.substr(0, slash), relative.substr(slash + 1)};
}

std::string problem(int err) {
    switch (err) {
    case ELOOP:
        return "a symlink is in the way (never followed)";
    case ENOTDIR:
        return "something other than a directory is in the way";
    case EEXIST:
        return "it already exists";
    default:
        return std::strerror(err);
    }
}

} // namespace

bool has_plain_components(std::string_view path) {
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        const auto part = path.substr(
            start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (part.empty() || part == "." || part == "..") {
            return false;
        }
        if (slash == std::string_view::npos) {
            return true;
        }
        start = slash + 1;
    }
    return true;
}

TreeWriter::TreeWriter(int root_fd, std::string root) : root_(std::move(root)) {
    chain_.emplace_back("", root_fd);
}

TreeWriter::~TreeWriter() {
    if (file_ >= 0) {
        ::close(file_);
    }
    for (const auto& entry : chain_) {
        ::close(entry.second);
    }
}

Result<std::unique_ptr<TreeWriter>> TreeWriter::open(const std::filesystem::path& root) {
    const int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        return fail(ErrorCode::io,
                    "cannot use staging directory " + root.string() + ": " + std::strerror(errno));
    }
    return std::unique_ptr<TreeWriter>(new TreeWriter(fd, root.string()));
}

std::string TreeWriter::display(std::string_view relative) const {
    return root_ + "/" + std::string(relative);
}

tl::unexpected<Error> TreeWriter::failure(std::string_view relative, int err) const {
    return fail(ErrorCode::io, "cannot create " + display(relative) + ": " + problem(err),
                "check free space and permissions under GOVER_HOME");
}

Result<int> TreeWriter::enter(int parent, std::string_view name, std::string_view so_far) {
    const std::string part(name);
    int fd = ::openat(parent, part.c_str(), k_dir_flags);
    if (fd < 0 && errno == ENOENT) {
        if (::mkdirat(parent, part.c_str(), 0755) != 0 && errno != EEXIST) {
            return failure(so_far, errno);
        }
        fd = ::openat(parent, part.c_str(), k_dir_flags);
        // mkdirat applied the umask: directories are 0755 (as libarchive's PERM made them).
        if (fd >= 0 && ::fchmod(fd, 0755) != 0) {
            const int err = errno;
            ::close(fd);
            return failure(so_far, err);
        }
    }
    if (fd < 0 && (errno == ENOTDIR || errno == ELOOP)) {
        // Linux says ENOTDIR for a symlink opened with O_DIRECTORY | O_NOFOLLOW: tell them apart.
        struct stat st {};
        const bool link =
            ::fstatat(parent, part.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode);
        return failure(so_far, link ? ELOOP : ENOTDIR);
    }
    if (fd < 0) {
        return failure(so_far, errno);
    }
    return fd;
}

Result<int> TreeWriter::directory(std::string_view dir) {
    // The deepest open directory that is `dir` or one of its parents.
    std::size_t keep = chain_.size();
    while (--keep > 0) {
        const std::string& open = chain_[keep].first;
        if (dir == open || (dir.starts_with(open) && dir[open.size()] == '/')) {
            break;
        }
    }
    while (chain_.size() > keep + 1) {
        ::close(chain_.back().second);
        chain_.pop_back();
    }
    // The components of `dir` below the deepest open one, each opened or made in turn.
    std::size_t at = chain_.back().first.empty() ? 0 : chain_.back().first.size() + 1;
    while (at < dir.size()) {
        const auto slash = dir.find('/', at);
        const std::size_t end = slash == std::string_view::npos ? dir.size() : slash;
        auto fd = enter(chain_.back().second, dir.substr(at, end - at), dir.substr(0, end));
        if (!fd) {
            return tl::unexpected(fd.error());
        }
        chain_.emplace_back(std::string(dir.substr(0, end)), *fd);
        at = end + 1;
    }
    return chain_.back().second;
}

Status TreeWriter::make_directory(std::string_view relative) {
    if (!has_plain_components(relative)) {
        return failure(relative, EINVAL);
    }
    auto fd = directory(relative);
    if (!fd) {
        return tl::unexpected(fd.error());
    }
    return {};
}

Result<std::pair<int, std::string>> TreeWriter::parent_of(std::string_view relative) {
    if (!has_plain_components(relative)) {
        return failure(relative, EINVAL);
    }
    const auto [dir, name] = split_last(relative);
    auto parent = directory(dir);
    if (!parent) {
        return tl::unexpected(parent.error());
    }
    return std::pair<int, std::string>(*parent, std::string(name));
}

Status TreeWriter::begin_file(std::string_view relative, unsigned mode, bool replace_file) {
    if (file_ >= 0) {
        return failure(relative, EBUSY);
    }
    auto parent_and_name = parent_of(relative);
    if (!parent_and_name) {
        return tl::unexpected(parent_and_name.error());
    }
    const auto& [parent, base] = *parent_and_name;
    const auto perm = static_cast<mode_t>(mode & 0777);
    int fd = ::openat(parent, base.c_str(), k_file_flags, perm);
    if (fd < 0 && errno == EEXIST && replace_file) {
        struct stat st {};
        if (::fstatat(parent, base.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
            ::unlinkat(parent, base.c_str(), 0) == 0) {
            fd = ::openat(parent, base.c_str(), k_file_flags, perm);
        } else {
            errno = EEXIST;
        }
    }
    if (fd < 0) {
        return failure(relative, errno);
    }
    if (::fchmod(fd, perm) != 0) { // whatever the umask took away
        const int err = errno;
        ::close(fd);
        return failure(relative, err);
    }
    file_ = fd;
    file_path_ = std::string(relative);
    file_end_ = 0;
    return {};
}

Status TreeWriter::write(std::span<const std::byte> bytes, std::uint64_t offset) {
    while (!bytes.empty()) {
        const ssize_t n = ::pwrite(file_, bytes.data(), bytes.size(), static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return fail(ErrorCode::io,
                        "cannot write " + display(file_path_) + ": " +
                            std::strerror(n < 0 ? errno : ENOSPC),
                        "check free space and permissions under GOVER_HOME");
        }
        bytes = bytes.subspan(static_cast<std::size_t>(n));
        offset += static_cast<std::uint64_t>(n);
    }
    file_end_ = std::max(file_end_, offset);
    return {};
}

Status TreeWriter::end_file(std::uint64_t size) {
    if (file_ < 0) {
        return failure(file_path_, EBADF);
    }
    const int fd = file_;
    file_ = -1;
    const bool extended = file_end_ >= size || ::ftruncate(fd, static_cast<off_t>(size)) == 0;
    const int err = extended ? 0 : errno;
    if (::close(fd) != 0 || !extended) {
        return fail(ErrorCode::io,
                    "cannot write " + display(file_path_) + ": " + std::strerror(err ? err : errno),
                    "check free space and permissions under GOVER_HOME");
    }
    return {};
}

Status TreeWriter::make_symlink(std::string_view relative, std::string_view target) {
    auto parent = parent_of(relative);
    if (!parent) {
        return tl::unexpected(parent.error());
    }
    if (::symlinkat(std::string(target).c_str(), parent->first, parent->second.c_str()) != 0) {
        return failure(relative, errno);
    }
    return {};
}

Status TreeWriter::copy_file(std::string_view from, std::string_view to, unsigned mode) {
    auto parent = parent_of(from);
    if (!parent) {
        return tl::unexpected(parent.error());
    }
    const int in =
        ::openat(parent->first, parent->second.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (in < 0) {
        return failure(from, errno);
    }
    auto copied = begin_file(to, mode);
    std::array<std::byte, 64 * 1024> buffer{};
    std::uint64_t at = 0;
    while (copied) {
        const ssize_t n = ::read(in, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            copied = failure(from, errno);
            break;
        }
        if (n == 0) {
            copied = end_file(at);
            break;
        }
        copied = write(std::span(buffer.data(), static_cast<std::size_t>(n)), at);
        at += static_cast<std::uint64_t>(n);
    }
    ::close(in);
    if (file_ >= 0) { // failed half-way: the caller removes the tree
        ::close(file_);
        file_ = -1;
    }
    return copied;
}

} // namespace gover
