#include "gover/import/local_tree_fetch.hpp"

#include "gover/import/tree_copy.hpp"
#include "gover/source/goproxy_settings.hpp"

namespace gover {
namespace {

class LocalTreeFetch final : public ToolchainFetch {
  public:
    LocalTreeFetch(LocalToolchain toolchain, ModuleProver prove)
        : toolchain_(std::move(toolchain)), prove_(std::move(prove)) {}

    std::string name() const override { return toolchain_.path.string(); }

    Result<Fetched> fetch_into(const std::filesystem::path& staging,
                               const FetchProgress& /*progress*/) override {
        const bool module = toolchain_.kind == ImportKind::module_cache;
        const std::string module_name =
            std::string(k_toolchain_module) + "@" + toolchain_.module_version;
        Result<sumdb::SumdbLookup> proven;
        if (module) {
            proven = prove_(toolchain_.module_version);
            if (!proven) {
                return tl::unexpected(proven.error());
            }
        }
        auto copied = copy_toolchain_tree(toolchain_.path, staging,
                                          TreeCopyRules{module ? module_name + "/" : ""});
        if (!copied) {
            return tl::unexpected(copied.error());
        }
        if (module && copied->h1 != proven->h1) {
            return fail(ErrorCode::checksum,
                        "checksum mismatch for " + module_name + " in " + name() +
                            ": the checksum database " + proven->database + " records " +
                            proven->h1 + ", the tree hashes to " + copied->h1,
                        "the toolchain changed after Go verified it; nothing was imported. Remove "
                        "it with 'go clean -modcache', or install the version");
        }
        Fetched out;
        out.bytes = copied->bytes;
        out.record.source = "import";
        out.record.imported_from = name();
        out.record.verified = module;
        out.record.size = copied->bytes;
        out.record.manifest = std::move(copied->manifest);
        if (module) {
            out.record.module_version = toolchain_.module_version;
            out.record.h1 = copied->h1;
            out.record.sumdb_name = proven->database;
            out.record.sumdb_tree_size = proven->tree_size;
            out.record.sumdb_root_hash = proven->root_hash;
        }
        return out;
    }

  private:
    LocalToolchain toolchain_;
    ModuleProver prove_;
};

class ImportSource final : public ToolchainSource {
  public:
    std::string location() const override { return "toolchains already on this machine"; }
    Result<std::vector<AvailableRelease>> releases(const ListOptions& /*options*/) override {
        return std::vector<AvailableRelease>{};
    }
    Status check_record(const GoVersion& /*version*/, const InstallMeta& /*record*/) override {
        return {};
    }
    Result<std::unique_ptr<ToolchainFetch>> toolchain(const GoVersion& version,
                                                      const Platform& /*platform*/) override {
        return fail(ErrorCode::not_found, "gover import fetches no " + version.toolchain_name(),
                    "internal: the import source lists nothing");
    }
};

} // namespace

std::unique_ptr<ToolchainFetch> make_local_tree_fetch(LocalToolchain toolchain,
                                                      ModuleProver prove) {
    return std::make_unique<LocalTreeFetch>(std::move(toolchain), std::move(prove));
}

std::unique_ptr<ToolchainSource> make_import_source() {
    return std::make_unique<ImportSource>();
}

} // namespace gover
