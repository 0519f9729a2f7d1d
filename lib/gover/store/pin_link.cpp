#include "gover/store/pin_link.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <sys/stat.h>

namespace gover {
namespace fs = std::filesystem;
namespace {

std::optional<fs::path> real_path(const fs::path& p) {
    char* real = ::realpath(p.c_str(), nullptr);
    if (real == nullptr) {
        return std::nullopt;
    }
    fs::path out(real);
    std::free(real);
    return out;
}

// Whether `file` lies below `dir` (both real paths, so no `..` and no links left in them).
bool is_below(const fs::path& file, const fs::path& dir) {
    const std::string d = dir.string();
    const std::string f = file.string();
    const std::string prefix = d.ends_with('/') ? d : d + "/";
    return f.size() > prefix.size() && f.starts_with(prefix);
}

} // namespace

Result<fs::path> pin_write_target(const fs::path& path) {
    struct stat lst {};
    if (::lstat(path.c_str(), &lst) != 0 || !S_ISLNK(lst.st_mode)) {
        return path;
    }
    const auto target = real_path(path);
    if (!target) {
        return fail(ErrorCode::io,
                    "cannot follow the symlink " + path.string() + ": " + std::strerror(errno),
                    "fix or remove the link");
    }
    const fs::path holder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    const auto dir = real_path(holder);
    if (!dir || !is_below(*target, *dir)) {
        return fail(ErrorCode::io,
                    path.string() + " is a symlink to " + target->string() + ", outside " +
                        (dir ? dir->string() : holder.string()) + ": not writing a pin there",
                    "replace the link with a file, or point it at one inside its directory");
    }
    return *target;
}

} // namespace gover
