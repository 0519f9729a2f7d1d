#pragma once
// The mirror gover downloads from (contract §2): GOVER_MIRROR, default https://go.dev/dl/.

#include <string>

#include "core/error.hpp"

namespace gover {

class Mirror {
  public:
    // GOVER_MIRROR (a missing trailing '/' is added), else https://go.dev/dl/.
    static Mirror from_environment();
    explicit Mirror(std::string base_url);

    const std::string& base_url() const { return base_; }
    bool is_file() const { return base_.starts_with("file://"); }
    // ${base}?mode=json&include=all, or ${base}index.json for a file:// mirror.
    std::string index_url() const;
    // ${base}<filename>
    std::string file_url(const std::string& filename) const { return base_ + filename; }

  private:
    std::string base_;
};

} // namespace gover
