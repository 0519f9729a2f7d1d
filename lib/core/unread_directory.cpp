#include "core/unread_directory.hpp"

#include <cerrno>
#include <climits>
#include <cstring>
#include <string_view>
#include <unistd.h>
#include <vector>

#include "core/pin_file_formats.hpp"

namespace gover {
namespace {

// The longest pin file name the walk reads, with its '/' and the terminating NUL.
constexpr std::size_t k_name_room = 1 + k_longest_pin_file_name + 1;

// "/", "/a", "/a/b", "/a/b/c": the walk's directories, shallowest first.
std::vector<std::string> from_root(const std::string& dir) {
    std::vector<std::string> out{"/"};
    for (std::size_t at = dir.find('/', 1); at != std::string::npos; at = dir.find('/', at + 1)) {
        out.push_back(dir.substr(0, at));
    }
    if (dir != "/") {
        out.push_back(dir);
    }
    return out;
}

} // namespace

std::string UnreadDirectory::message() const {
    return "could not look for " + pin_file_names(" or ") + " in " + dir + " (" + reason + ")";
}

std::optional<UnreadDirectory> find_unread_directory(const std::string& cwd) {
    if (cwd.size() + k_name_room > PATH_MAX) {
        for (const auto& dir : from_root(cwd)) {
            if (dir.size() + k_name_room > PATH_MAX) {
                return UnreadDirectory{dir, "path longer than PATH_MAX (" +
                                                std::to_string(PATH_MAX) + ")"};
            }
        }
    }
    // Searching cwd by its absolute path searches every directory above it: one call says
    // whether all can be read; only when not is each asked.
    if (::access(cwd.c_str(), X_OK) == 0 || errno != EACCES) {
        return std::nullopt;
    }
    for (const auto& dir : from_root(cwd)) {
        if (::access(dir.c_str(), X_OK) != 0 && errno == EACCES) {
            return UnreadDirectory{dir, std::strerror(EACCES)};
        }
    }
    return std::nullopt;
}

} // namespace gover
