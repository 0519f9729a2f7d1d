#include "gover/store/shim_links.hpp"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <string>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/environment.hpp"
#include "core/installed.hpp"
#include "core/self_executable.hpp"
#include "gover/base/atomic_file.hpp"

namespace gover {
namespace fs = std::filesystem;
namespace {

// Every link in shims/ points here: relative, so moving $GOVER_HOME keeps them working.
constexpr const char* k_link_target = "../bin/gover-shim";

Error io_error(const std::string& what, const fs::path& path, int err) {
    return Error{ErrorCode::io, what + " " + path.string() + ": " + std::strerror(err),
                 "check the permissions of " + path.parent_path().string()};
}

bool is_regular(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec);
}

// Holds locks/shims.lock (flock) for one refresh: refreshes run one at a time.
class ShimsLock {
  public:
    explicit ShimsLock(const fs::path& path)
        : fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
        while (fd_ >= 0 && ::flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
        }
    }
    ~ShimsLock() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    ShimsLock(const ShimsLock&) = delete;
    ShimsLock& operator=(const ShimsLock&) = delete;
    bool held() const { return fd_ >= 0; }

  private:
    int fd_;
};

Result<bool> same_content(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    const auto size_a = fs::file_size(a, ec);
    if (ec) {
        return fail(ErrorCode::io, "cannot read " + a.string() + ": " + ec.message());
    }
    const auto size_b = fs::file_size(b, ec);
    if (ec || size_a != size_b) {
        return false;
    }
    const int fa = ::open(a.c_str(), O_RDONLY | O_CLOEXEC);
    const int fb = ::open(b.c_str(), O_RDONLY | O_CLOEXEC);
    bool same = fa >= 0 && fb >= 0;
    char ba[65536];
    char bb[65536];
    while (same) {
        const ssize_t na = ::read(fa, ba, sizeof ba);
        if (na <= 0) {
            same = na == 0;
            break;
        }
        ssize_t got = 0;
        while (got < na) {
            const ssize_t nb = ::read(fb, bb + got, static_cast<std::size_t>(na - got));
            if (nb <= 0) {
                break;
            }
            got += nb;
        }
        same = got == na && std::memcmp(ba, bb, static_cast<std::size_t>(na)) == 0;
    }
    if (fa >= 0) {
        ::close(fa);
    }
    if (fb >= 0) {
        ::close(fb);
    }
    return same;
}

// Copies `from` to `to` through the atomic writer: a running shim keeps the old inode, a new one
// sees the whole new file, never a half-written one.
Status replace_file(const fs::path& from, const fs::path& to) {
    const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) {
        return tl::unexpected(io_error("cannot read", from, errno));
    }
    auto out = AtomicFile::create(to, AtomicFileOptions{Durability::durable, 0755, {}});
    if (!out) {
        ::close(in);
        return tl::unexpected(out.error());
    }
    char buf[65536];
    Status written;
    while (written) {
        const ssize_t n = ::read(in, buf, sizeof buf);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            const int err = errno;
            ::close(in);
            return tl::unexpected(io_error("cannot read", from, err)); // out removes its temp
        }
        if (n == 0) {
            break;
        }
        written = out->write(std::string_view(buf, static_cast<std::size_t>(n)));
    }
    ::close(in);
    if (!written) {
        return written;
    }
    return out->commit();
}

Status ensure_link(const fs::path& dir, const std::string& name) {
    const fs::path link = dir / name;
    char buf[PATH_MAX];
    const ssize_t n = ::readlink(link.c_str(), buf, sizeof buf - 1);
    if (n >= 0 && std::string_view(buf, static_cast<std::size_t>(n)) == k_link_target) {
        return {};
    }
    const fs::path tmp = dir / ("." + name + ".tmp." + std::to_string(::getpid()));
    ::unlink(tmp.c_str());
    if (::symlink(k_link_target, tmp.c_str()) != 0) {
        return tl::unexpected(io_error("cannot create", tmp, errno));
    }
    if (::rename(tmp.c_str(), link.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return tl::unexpected(io_error("cannot create", link, err));
    }
    return {};
}

// Removes links for names no longer wanted and temp links a killed refresh left behind.
void remove_stale(const fs::path& dir, const std::set<std::string>& wanted) {
    std::error_code ec;
    std::vector<fs::path> doomed;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const bool leftover = name.starts_with(".") && name.find(".tmp.") != std::string::npos;
        std::error_code lec;
        const bool is_link = it->is_symlink(lec);
        if (leftover || (is_link && !name.starts_with(".") && !wanted.contains(name))) {
            doomed.push_back(it->path());
        }
    }
    for (const auto& p : doomed) {
        fs::remove(p, ec);
    }
}

// Whether `path`, or any link on the way from it to a file, lies in `bin`: recording such a path
// as bin/gover would make the link point at itself or at another link in bin/ (a loop, or a
// target that a later record replaces).
bool reaches_into(const fs::path& path, const fs::path& bin) {
    std::error_code ec;
    const fs::path real_bin = fs::weakly_canonical(bin, ec);
    fs::path hop = path;
    for (int i = 0; i < 40 && !ec; ++i) {
        const fs::path dir = fs::weakly_canonical(hop.parent_path(), ec);
        if (ec || dir == real_bin) {
            return true;
        }
        if (!fs::is_symlink(hop, ec)) {
            return ec.value() != 0;
        }
        const fs::path next = fs::read_symlink(hop, ec);
        hop = next.is_absolute() ? next : hop.parent_path() / next;
    }
    return true; // unreadable, or too many links: not a safe target
}

// The program bin/gover should name: how gover was invoked (a Homebrew link outlives an
// upgrade), unless that leads through bin/ itself (the shim copy runs bin/gover), then the real
// file. nullopt when even that lies in bin/.
std::optional<fs::path> gover_to_record(const Layout& layout) {
    auto self = invoked_executable(*invocation());
    if (self && reaches_into(*self, layout.bin_dir())) {
        self = self_executable();
    }
    if (!self || reaches_into(*self, layout.bin_dir())) {
        return std::nullopt;
    }
    return self;
}

// Points bin/gover at the gover that runs, so the shim copy finds the gover that installed it.
// Best effort: without the link the shim uses PATH.
void record_gover(const Layout& layout) {
    if (!invocation()) {
        return;
    }
    const auto self = gover_to_record(layout);
    if (!self) {
        return;
    }
    const fs::path link = layout.gover_link();
    std::error_code ec;
    if (fs::read_symlink(link, ec) == *self && !ec) {
        return;
    }
    // One fixed name: refreshes run one at a time (shims.lock), and one a crash left behind is
    // simply replaced by the next.
    const fs::path tmp = layout.bin_dir() / ".gover.tmp";
    ::unlink(tmp.c_str());
    if (::symlink(self->c_str(), tmp.c_str()) != 0 || ::rename(tmp.c_str(), link.c_str()) != 0) {
        ::unlink(tmp.c_str());
    }
}

} // namespace

std::set<std::string> wanted_shim_names(const Layout& layout,
                                        const std::vector<GoVersion>& installed,
                                        const BinDirView& view) {
    std::set<std::string> names{"go", "gofmt"};
    for (const auto& v : installed) {
        names.insert(v.toolchain_name());
        const fs::path bin = layout.version_dir(v) / "bin";
        std::optional<std::vector<std::string>> entries;
        if (view.list) {
            entries = view.list(bin);
        } else {
            std::error_code ec;
            entries.emplace();
            for (fs::directory_iterator it(bin, ec), end; !ec && it != end; it.increment(ec)) {
                entries->push_back(it->path().filename().string());
            }
        }
        for (const auto& name : entries.value_or(std::vector<std::string>{})) {
            if (!name.empty() && name[0] != '.' &&
                (view.is_file ? view.is_file(bin / name) : is_regular(bin / name))) {
                names.insert(name);
            }
        }
    }
    return names;
}

std::optional<fs::path> find_installed_shim() {
    if (const auto env = process_env()("GOVER_SHIM_PATH"); env && !env->empty()) {
        return is_regular(*env) ? std::optional<fs::path>(*env) : std::nullopt;
    }
    auto self = self_executable();
    if (!self) {
        return std::nullopt;
    }
    const fs::path dir = self->parent_path();
    // Installed: <prefix>/bin/gover + <prefix>/libexec/gover/gover-shim. Build tree:
    // build/cmd/gover/gover + build/shims/gover-shim.
    for (const fs::path& candidate : {dir / ".." / "libexec" / "gover" / "gover-shim",
                                      dir / ".." / ".." / "shims" / "gover-shim"}) {
        if (is_regular(candidate)) {
            return candidate.lexically_normal();
        }
    }
    return std::nullopt;
}

Status refresh_shims(const Layout& layout) {
    std::error_code ec;
    for (const auto& d : {layout.bin_dir(), layout.shims_dir(), layout.locks_dir()}) {
        fs::create_directories(d, ec);
        if (ec) {
            return fail(ErrorCode::io, "cannot create " + d.string() + ": " + ec.message(),
                        "check the permissions of " + layout.home().string());
        }
    }
    ShimsLock lock(layout.locks_dir() / "shims.lock");
    if (!lock.held()) {
        return tl::unexpected(io_error("cannot lock", layout.locks_dir() / "shims.lock", errno));
    }
    const fs::path copy = layout.shim_copy();
    if (auto source = find_installed_shim()) {
        auto same = same_content(*source, copy);
        if (!same) {
            return tl::unexpected(same.error());
        }
        if (!*same) {
            if (auto ok = replace_file(*source, copy); !ok) {
                return ok;
            }
        }
        record_gover(layout);
    } else if (!is_regular(copy)) {
        return fail(ErrorCode::not_found, "cannot find gover-shim to copy to " + copy.string(),
                    "reinstall gover, or set GOVER_SHIM_PATH to its gover-shim executable");
    }
    const auto wanted = wanted_shim_names(layout, installed_versions(layout));
    for (const auto& name : wanted) {
        if (auto ok = ensure_link(layout.shims_dir(), name); !ok) {
            return ok;
        }
    }
    remove_stale(layout.shims_dir(), wanted);
    return {};
}

} // namespace gover
