#pragma once
// The go.dev-format mirror (GOVER_MIRROR) as a ToolchainSource: the release index through the
// cache (index_source.hpp), one .tar.gz per platform verified by the index's sha256 and size.

#include <memory>
#include <optional>

#include "core/layout.hpp"
#include "gover/net/http.hpp"
#include "gover/source/mirror.hpp"
#include "gover/source/release_index.hpp"
#include "gover/source/toolchain_source.hpp"

namespace gover {

class MirrorSource final : public ToolchainSource {
  public:
    MirrorSource(const Layout& layout, Mirror mirror, TransferSettings settings);

    std::string location() const override { return mirror_.base_url(); }
    Result<std::vector<AvailableRelease>> releases(const ListOptions& options) override;
    Status check_record(const GoVersion& version, const InstallMeta& record) override;
    Result<std::unique_ptr<ToolchainFetch>> toolchain(const GoVersion& version,
                                                      const Platform& platform) override;

    // The index itself (every platform's archives), loaded once per source object.
    Result<const ReleaseIndex*> index(const ListOptions& options = {});

  private:
    const Layout& layout_;
    Mirror mirror_;
    TransferSettings settings_;
    std::optional<ReleaseIndex> index_; // every platform's archives, once loaded
};

} // namespace gover
