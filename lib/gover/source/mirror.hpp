#pragma once
// The mirror gover downloads from (README "How it works"): GOVER_MIRROR, default
// https://go.dev/dl/.

#include <string>

#include "core/environment.hpp"
#include "core/error.hpp"

namespace gover {

class Mirror {
  public:
    // GOVER_MIRROR (a missing trailing '/' is added), else https://go.dev/dl/.
    static Mirror from_env(const EnvLookup& env);
    static Mirror from_environment() { return from_env(process_env()); }
    explicit Mirror(std::string base_url);

    const std::string& base_url() const { return base_; }
    // A file:// mirror, the scheme in any case (URL schemes are case-insensitive, RFC 3986).
    bool is_file() const;
    // ${base}?mode=json&include=all, or ${base}index.json for a file:// mirror.
    std::string index_url() const;
    // ${base}<filename>; for a file:// mirror with what a URL cannot hold (a space in the
    // directory's name) percent-encoded, as the index's path is decoded (file_url_path).
    std::string file_url(const std::string& filename) const;

  private:
    std::string base_;
};

} // namespace gover
