#pragma once
// The directory-walk step of selection (README "Which version runs", step 2) reads pin files by
// absolute path. Below a directory we may not search, or past PATH_MAX, every stat fails and the
// walk would silently take a parent's pin: this names the directory it could not look in, so the
// shim and `gover current` can say so.

#include <optional>
#include <string>

namespace gover {

struct UnreadDirectory {
    std::string dir;    // the shallowest directory on the walk that could not be looked in
    std::string reason; // "Permission denied", "path longer than PATH_MAX (4096)"
    // "could not look for .tool-versions or .go-version in <dir> (<reason>)"
    std::string message() const;
};

// For a walk up from the absolute directory `cwd`: nullopt when every directory on it can be
// searched (one access(2) call), else the shallowest that cannot.
std::optional<UnreadDirectory> find_unread_directory(const std::string& cwd);

} // namespace gover
