#pragma once
// Go's module proxy as a ToolchainSource (GOVER_SOURCE=goproxy; README "Installing through your
// company's Go module proxy"): the toolchain for 1.22.5 on darwin-arm64 is the module version
// golang.org/toolchain@v0.0.1-go1.22.5.darwin-arm64, fetched through GOPROXY and accepted only
// when its h1: equals the one the checksum database (GOSUMDB) is proven to record.

#include <optional>
#include <string>
#include <vector>

#include "core/layout.hpp"
#include "gover/net/http.hpp"
#include "gover/source/goproxy_list.hpp"
#include "gover/source/goproxy_settings.hpp"
#include "gover/source/toolchain_source.hpp"
#include "gover/sumdb/sumdb_client.hpp"

namespace gover {

// "v0.0.1-go1.22.5.darwin-arm64"
std::string toolchain_module_version(const GoVersion& version, const Platform& platform);

// The releases named by a proxy's @v/list text, newest first (lines that are not toolchain
// module versions are skipped); with `platform`, only its toolchains.
std::vector<AvailableRelease> releases_from_module_list(std::string_view list,
                                                        const std::optional<Platform>& platform);

class GoproxySource final : public ToolchainSource {
  public:
    GoproxySource(const Layout& layout, GoproxySettings settings, TransferSettings transfer);

    std::string location() const override;
    Result<std::vector<AvailableRelease>> releases(const ListOptions& options) override;
    Status check_record(const GoVersion& version, const InstallMeta& record) override;
    Result<std::unique_ptr<ToolchainFetch>> toolchain(const GoVersion& version,
                                                      const Platform& platform) override;
    // The checksum database's h1: for golang.org/toolchain@<module_version>, proven as for an
    // install (prove_module, with GOPROXY's entries): what `gover import` checks a module-cache
    // toolchain against.
    Result<sumdb::SumdbLookup> prove(const std::string& module_version) const;

  private:
    Result<std::vector<ProxyEntry>> entries() const;
    Result<std::string> module_list(const ListOptions& options);
    // ErrorCode::not_found naming the platforms when the list has `version` but not for
    // `platform` (a version the list lacks is left to the proxy and the database).
    Status check_listed(const GoVersion& version, const Platform& platform);

    const Layout& layout_;
    GoproxySettings settings_;
    TransferSettings transfer_;
    std::optional<std::string> list_; // @v/list, once loaded
};

} // namespace gover
