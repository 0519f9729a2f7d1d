#include "gover/store/pin_files.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include "core/version_files.hpp"
#include "gover/store/pin_link.hpp"

namespace gover {
namespace fs = std::filesystem;
namespace {

Error io_error(const std::string& what, const fs::path& path, int err) {
    return Error{ErrorCode::io, what + " " + path.string() + ": " + std::strerror(err),
                 "check the permissions of " + path.parent_path().string()};
}

// Writes `text` to a temp file beside `target` and renames it over target. `mode` (if >= 0) is
// the new file's permission bits; otherwise 0666 less the umask, like any new file.
Status replace_atomically(const fs::path& target, const std::string& text, int mode) {
    const fs::path tmp = target.parent_path() / ("." + target.filename().string() + ".gover-" +
                                                 std::to_string(::getpid()) + ".tmp");
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        return tl::unexpected(io_error("cannot write", tmp, errno));
    }
    int err = 0;
    for (std::size_t done = 0; done < text.size() && err == 0;) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno != EINTR) {
            err = errno;
        }
        done += n > 0 ? static_cast<std::size_t>(n) : 0;
    }
    if (err == 0 && mode >= 0 && ::fchmod(fd, static_cast<mode_t>(mode)) != 0) {
        err = errno;
    }
    if (err == 0 && ::fsync(fd) != 0) {
        err = errno;
    }
    if (::close(fd) != 0 && err == 0) {
        err = errno;
    }
    if (err == 0 && ::rename(tmp.c_str(), target.c_str()) != 0) {
        err = errno;
    }
    if (err != 0) {
        ::unlink(tmp.c_str());
        return tl::unexpected(io_error("cannot write", target, err));
    }
    return {};
}

} // namespace

Status write_tool_versions_pin(const fs::path& path, const std::string& version) {
    // Dotfile managers link .tool-versions: edit the file it names, keep the link.
    const auto resolved = pin_write_target(path);
    if (!resolved) {
        return tl::unexpected(resolved.error());
    }
    const fs::path& target = *resolved;
    struct stat st {};
    int mode = -1;
    if (::stat(target.c_str(), &st) == 0) {
        if (!S_ISREG(st.st_mode)) {
            return fail(ErrorCode::io, path.string() + " is not a regular file",
                        "remove it, then run gover use again");
        }
        mode = static_cast<int>(st.st_mode & 07777);
    }
    std::string text;
    if (mode >= 0) {
        auto current = read_regular_file(target.string(), k_max_pin_file_bytes);
        if (!current) {
            return tl::unexpected(current.error());
        }
        text = current->value_or("");
    }
    return replace_atomically(target, pin_in_tool_versions(text, version), mode);
}

Status write_global_pin(const Layout& layout, const std::string& version) {
    std::error_code ec;
    fs::create_directories(layout.home(), ec);
    if (ec) {
        return fail(ErrorCode::io, "cannot create " + layout.home().string() + ": " + ec.message(),
                    "check the permissions of " + layout.home().parent_path().string());
    }
    return replace_atomically(layout.global_file(), version + "\n", -1);
}

} // namespace gover
