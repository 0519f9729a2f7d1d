#include "gover/source/mirror_source.hpp"

#include "gover/source/archive_fetch.hpp"
#include "gover/source/index_source.hpp"

namespace gover {
namespace {

// One archive of the mirror, fetched over https (or from a file:// mirror) by http::download.
class MirrorToolchain final : public ToolchainFetch {
  public:
    MirrorToolchain(MirrorArchive archive, TransferSettings settings)
        : archive_(std::move(archive)), settings_(std::move(settings)) {}

    std::string name() const override { return archive_.filename; }
    Result<Fetched> fetch_into(const std::filesystem::path& staging,
                               const FetchProgress& progress) override {
        const Fetcher fetch = [this](DownloadSink& sink, const auto& on_progress) {
            return download(archive_.url, archive_.size, sink, settings_, on_progress);
        };
        return fetch_archive(archive_, fetch, staging, progress);
    }

  private:
    MirrorArchive archive_;
    TransferSettings settings_;
};

std::vector<AvailableRelease> only_for(std::vector<AvailableRelease> releases,
                                       const std::optional<Platform>& platform) {
    if (platform) {
        for (auto& release : releases) {
            std::erase_if(release.platforms, [&](const auto& p) { return p != *platform; });
        }
    }
    return releases;
}

} // namespace

MirrorSource::MirrorSource(const Layout& layout, Mirror mirror, TransferSettings settings)
    : layout_(layout), mirror_(std::move(mirror)), settings_(std::move(settings)) {}

Result<const ReleaseIndex*> MirrorSource::index(const ListOptions& options) {
    if (!index_) {
        IndexLoadOptions load;
        load.notice = options.notice;
        load.transfer = settings_;
        auto loaded = load_index(layout_, mirror_, load);
        if (!loaded) {
            return tl::unexpected(loaded.error());
        }
        index_ = std::move(*loaded);
    }
    return &*index_;
}

Result<std::vector<AvailableRelease>> MirrorSource::releases(const ListOptions& options) {
    if (index_) {
        return only_for(index_->available(), options.platform);
    }
    if (options.cached_only) {
        auto cached = cached_index(layout_, mirror_);
        return cached ? only_for(cached->available(), options.platform)
                      : std::vector<AvailableRelease>{};
    }
    if (options.platform) {
        // Cheaper: only this platform's archives are decoded from the cache (list-remote).
        IndexLoadOptions load;
        load.notice = options.notice;
        load.transfer = settings_;
        load.platform = options.platform;
        auto loaded = load_index(layout_, mirror_, load);
        if (!loaded) {
            return tl::unexpected(loaded.error());
        }
        return loaded->available();
    }
    auto loaded = index(options);
    if (!loaded) {
        return tl::unexpected(loaded.error());
    }
    return (*loaded)->available();
}

Status MirrorSource::check_record(const GoVersion& version, const InstallMeta& record) {
    if (record.source != "mirror") {
        return {}; // another source's proof: nothing in this index to compare it with
    }
    auto loaded = index();
    if (!loaded) {
        return tl::unexpected(loaded.error());
    }
    const Release* release = (*loaded)->find(version);
    return release ? check_archive_record(version, record, release->files) : Status{};
}

Result<std::unique_ptr<ToolchainFetch>> MirrorSource::toolchain(const GoVersion& version,
                                                                const Platform& platform) {
    auto loaded = index();
    if (!loaded) {
        return tl::unexpected(loaded.error());
    }
    const Release* release = (*loaded)->find(version);
    if (release == nullptr) {
        return fail(ErrorCode::not_found, "no Go release " + version.str() + " on " + location(),
                    "run 'gover list-remote' to see the releases");
    }
    auto archive = plan_archive(*release, platform, mirror_);
    if (!archive) {
        return tl::unexpected(archive.error());
    }
    return std::unique_ptr<ToolchainFetch>(
        std::make_unique<MirrorToolchain>(std::move(*archive), settings_));
}

} // namespace gover
