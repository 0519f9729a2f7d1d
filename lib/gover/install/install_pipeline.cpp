#include "gover/install/install_pipeline.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <thread>

#include "core/installed.hpp"
#include "gover/archive/archive_extract.hpp"
#include "gover/base/byte_channel.hpp"
#include "gover/store/install_meta.hpp"
#include "gover/base/interrupt.hpp"
#include "gover/base/sha256.hpp"
#include "gover/store/staging.hpp"
#include "gover/store/store_lock.hpp"

namespace gover {
namespace fs = std::filesystem;
namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// The network side: hashes every byte in the download callback and hands it to the unpacker.
// After restart() (a server that ignored Range sends the body again) the bytes already passed
// on are skipped, so the unpacker sees one continuous stream; the final hash decides whether
// the two attempts really agreed.
class StreamingSink final : public DownloadSink {
  public:
    explicit StreamingSink(ByteChannel& channel) : channel_(channel) {}

    Status write(std::span<const std::byte> bytes) override {
        if (position_ < delivered_) {
            const auto skip = std::min<std::uint64_t>(bytes.size(), delivered_ - position_);
            position_ += skip;
            bytes = bytes.subspan(static_cast<std::size_t>(skip));
        }
        if (bytes.empty()) {
            return {};
        }
        hasher_.update(bytes);
        position_ += bytes.size();
        delivered_ += bytes.size();
        auto pushed = channel_.push(bytes);
        if (!pushed) {
            unpacker_stopped_ = true;
        }
        return pushed;
    }
    Status restart() override {
        position_ = 0;
        return {};
    }
    std::uint64_t bytes_written() const override { return position_; }

    std::uint64_t delivered() const { return delivered_; }
    bool unpacker_stopped() const { return unpacker_stopped_; }
    std::string digest() { return hasher_.finish(); }

  private:
    ByteChannel& channel_;
    Sha256 hasher_;
    std::uint64_t position_ = 0;  // offset in the current attempt's body
    std::uint64_t delivered_ = 0; // bytes hashed and handed on
    bool unpacker_stopped_ = false;
};

Error interrupted_error(const InstallPlan& plan) {
    return Error{ErrorCode::interrupted,
                 "interrupted while installing " + plan.version.toolchain_name() +
                     "; nothing was installed",
                 ""};
}

// The first line of VERSION must name the version (later Go releases add a "time" line).
Status check_version_file(const fs::path& root, const InstallPlan& plan) {
    std::ifstream in(root / "VERSION");
    std::string first;
    if (!in || !std::getline(in, first)) {
        return fail(ErrorCode::archive, plan.filename + " has no go/VERSION file",
                    "the archive is not a Go toolchain; nothing was installed");
    }
    while (!first.empty() &&
           (first.back() == '\r' || first.back() == ' ' || first.back() == '\t')) {
        first.pop_back();
    }
    if (first != plan.version.toolchain_name()) {
        return fail(ErrorCode::archive,
                    plan.filename + " holds " + (first.empty() ? "an empty VERSION" : first) +
                        ", not " + plan.version.toolchain_name(),
                    "the mirror serves the wrong archive for this version; nothing was installed");
    }
    return {};
}

// Puts the verified staging tree in place: meta first (a visible version always has its record),
// then the rename; anything in the way (an older copy with --force, or a stray directory) moves
// to trash first and comes back if the rename fails.
Status publish(const Layout& layout, const InstallPlan& plan, const fs::path& staging,
               const InstallMeta& meta) {
    auto old_meta = read_install_meta(layout, plan.version);
    if (auto written = write_install_meta(layout, plan.version, meta); !written) {
        return written;
    }
    auto restore_meta = [&] {
        if (old_meta && *old_meta) {
            (void)write_install_meta(layout, plan.version, **old_meta);
        } else {
            (void)remove_install_meta(layout, plan.version);
        }
    };
    const fs::path target = layout.version_dir(plan.version);
    std::optional<fs::path> trash;
    std::error_code ec;
    if (fs::exists(fs::symlink_status(target, ec))) {
        trash = tmp_path(layout, TmpKind::trash, plan.version);
        if (std::rename(target.c_str(), trash->c_str()) != 0) {
            const int err = errno;
            restore_meta();
            return fail(ErrorCode::io,
                        "cannot move " + target.string() + " aside: " + std::strerror(err));
        }
    }
    if (std::rename(staging.c_str(), target.c_str()) != 0) {
        const int err = errno;
        if (trash) {
            (void)std::rename(trash->c_str(), target.c_str());
        }
        restore_meta();
        return fail(ErrorCode::io, "cannot move " + staging.string() + " to " + target.string() +
                                       ": " + std::strerror(err));
    }
    if (trash) {
        (void)remove_tree(*trash);
    }
    return {};
}

} // namespace

Result<InstallPlan> plan_install(const Release& release, const Platform& platform,
                                 const Mirror& mirror) {
    const ReleaseFile* archive = nullptr;
    std::vector<std::string> platforms;
    for (const auto& file : release.files) {
        if (file.kind != "archive") {
            continue;
        }
        const std::string name = file.os + "-" + file.arch;
        if (std::find(platforms.begin(), platforms.end(), name) == platforms.end()) {
            platforms.push_back(name);
        }
        if (file.os == platform.os && file.arch == platform.arch && archive == nullptr) {
            archive = &file;
        }
    }
    const std::string name = release.version.toolchain_name();
    if (archive == nullptr) {
        std::sort(platforms.begin(), platforms.end());
        std::string list;
        for (const auto& p : platforms) {
            list += (list.empty() ? "" : ", ") + p;
        }
        if (list.empty()) {
            return fail(ErrorCode::not_found, name + " has no archive for any platform",
                        "pick another version ('gover list-remote')");
        }
        return fail(ErrorCode::not_found,
                    name + " has no archive for " + platform.str() + " (archives exist for " +
                        list + ")",
                    "pick another version, or another platform with --platform");
    }
    if (archive->sha256.empty()) {
        return fail(ErrorCode::checksum,
                    "the index gives no sha256 for " + archive->filename +
                        ", so it cannot be verified",
                    "install a newer release of this series; gover installs only verified "
                    "downloads");
    }
    if (!is_sha256_hex(archive->sha256)) {
        return fail(ErrorCode::index, "the index gives a malformed sha256 for " +
                                          archive->filename + ": " + archive->sha256);
    }
    InstallPlan plan;
    plan.version = release.version;
    plan.platform = platform;
    plan.url = mirror.file_url(archive->filename);
    plan.filename = archive->filename;
    plan.sha256 = lower(archive->sha256);
    plan.size = archive->size;
    for (const auto& file : release.files) {
        if (file.kind == "archive") {
            plan.release_archives.push_back(file);
        }
    }
    return plan;
}

namespace {

std::string last_url_part(const std::string& url) {
    const auto slash = url.find_last_of('/');
    return slash == std::string::npos ? url : url.substr(slash + 1);
}

// What the installed copy of `version` was verified against, compared with what the index lists
// now for that same archive (`archives`; when empty, the plan's own archive stands in).
Status compare_with_record(const Layout& layout, const GoVersion& version,
                           const std::vector<ReleaseFile>& archives, const InstallPlan* plan) {
    if (!is_installed(layout, version)) {
        return {};
    }
    auto meta = read_install_meta(layout, version);
    if (!meta || !*meta || (*meta)->sha256.empty()) {
        return {}; // no record to compare with (doctor reports that separately)
    }
    const InstallMeta& record = **meta;
    const std::string recorded_file = last_url_part(record.url);
    std::string filename;
    std::string listed;
    const ReleaseFile* by_platform = nullptr;
    for (const auto& file : archives) {
        if (file.kind != "archive") {
            continue;
        }
        if (!recorded_file.empty() && file.filename == recorded_file) {
            filename = file.filename;
            listed = file.sha256;
            break;
        }
        if (!by_platform && !record.platform.empty() &&
            file.os + "-" + file.arch == record.platform) {
            by_platform = &file;
        }
    }
    if (filename.empty() && by_platform) {
        filename = by_platform->filename;
        listed = by_platform->sha256;
    }
    if (filename.empty() && archives.empty() && plan &&
        (record.platform.empty() || record.platform == plan->platform.str())) {
        filename = plan->filename;
        listed = plan->sha256;
    }
    if (filename.empty() || listed.empty()) {
        return {}; // the index no longer lists that archive (or gives no hash): nothing to compare
    }
    if (lower(record.sha256) != lower(listed)) {
        return fail(ErrorCode::tampering,
                    "the index now lists sha256 " + lower(listed) + " for " + filename +
                        ", but the installed " + version.toolchain_name() +
                        " was verified against " + lower(record.sha256) +
                        ": possible tampering with the mirror",
                    "if the change is legitimate, run 'gover uninstall " + version.str() +
                        "' and install again");
    }
    return {};
}

} // namespace

Status check_not_tampered(const Layout& layout, const InstallPlan& plan) {
    return compare_with_record(layout, plan.version, plan.release_archives, &plan);
}

Status check_not_tampered(const Layout& layout, const Release& release) {
    return compare_with_record(layout, release.version, release.files, nullptr);
}

InstallResult already_installed(const Layout& layout, const GoVersion& version,
                                const Platform& fallback) {
    InstallResult result;
    result.version = version;
    result.already_installed = true;
    result.platform = fallback;
    if (auto meta = read_install_meta(layout, version); meta && *meta) {
        if (auto recorded = Platform::parse((*meta)->platform)) {
            result.platform = *recorded;
        }
    }
    result.path = layout.version_dir(version);
    return result;
}

Result<InstallResult> run_install(const Layout& layout, const InstallPlan& plan,
                                  const Fetcher& fetch, const InstallEvents& events) {
    const auto started = std::chrono::steady_clock::now();
    if (interrupted()) { // a signal during the index fetch: stop before touching the store
        return tl::unexpected(interrupted_error(plan));
    }
    if (auto dirs = ensure_store_dirs(layout); !dirs) {
        return tl::unexpected(dirs.error());
    }
    if (auto ok = check_not_tampered(layout, plan); !ok) {
        return tl::unexpected(ok.error());
    }
    if (!plan.force && is_installed(layout, plan.version)) {
        return already_installed(layout, plan.version, plan.platform);
    }

    auto lock = StoreLock::acquire(layout, plan.version.str(), StoreLock::Wait::try_only);
    if (!lock && lock.error().code == ErrorCode::not_found) {
        if (events.notice) {
            events.notice("waiting for another gover that is installing " +
                          plan.version.toolchain_name());
        }
        lock = StoreLock::acquire(layout, plan.version.str(), StoreLock::Wait::block);
    }
    if (!lock) {
        return tl::unexpected(lock.error());
    }
    clean_stale_tmp(layout, plan.version);
    // Someone else may have finished while we waited.
    if (auto ok = check_not_tampered(layout, plan); !ok) {
        return tl::unexpected(ok.error());
    }
    if (!plan.force && is_installed(layout, plan.version)) {
        return already_installed(layout, plan.version, plan.platform);
    }

    auto staging = StagingDir::create(layout, plan.version);
    if (!staging) {
        return tl::unexpected(staging.error());
    }

    ByteChannel channel;
    StreamingSink sink(channel);
    // With a known size the unpacker keeps reading after a refusal so the download completes
    // and a corrupt download is reported as a checksum mismatch rather than a bad archive.
    const bool drain_after_failure = plan.size > 0;
    std::optional<Result<ExtractResult>> extracted;
    std::thread unpacker([&] {
        auto result = extract_archive(
            channel, staging->path(),
            ExtractOptions{plan.limits, plan.filename, [] { return interrupted(); }});
        if (!result && (!drain_after_failure || result.error().code == ErrorCode::interrupted)) {
            channel.abort(result.error());
        } else {
            (void)channel.drain();
        }
        extracted = std::move(result);
    });
    const std::uint64_t expected_total = plan.size;
    Status fetched = fetch(sink, [&](const DownloadProgress& progress) {
        if (events.progress) {
            events.progress(progress.received, progress.total ? progress.total : expected_total);
        }
        return !interrupted();
    });
    channel.close(fetched ? Status{} : Status(tl::unexpected(fetched.error())));
    unpacker.join();

    if (interrupted()) {
        return tl::unexpected(interrupted_error(plan));
    }
    if (!fetched) {
        if (sink.unpacker_stopped() && extracted && !*extracted) {
            return tl::unexpected(extracted->error());
        }
        return tl::unexpected(fetched.error());
    }
    const std::string actual = sink.digest();
    if (plan.size > 0 && sink.delivered() != plan.size) {
        return fail(ErrorCode::checksum,
                    "size mismatch for " + plan.url + ": expected " + std::to_string(plan.size) +
                        " bytes, got " + std::to_string(sink.delivered()),
                    "the download was cut short or the mirror changed the file; nothing was "
                    "installed");
    }
    if (actual != plan.sha256) {
        return fail(ErrorCode::checksum,
                    "checksum mismatch for " + plan.url + ": expected sha256 " + plan.sha256 +
                        ", got " + actual,
                    "the download is corrupt or the mirror changed the file; nothing was "
                    "installed");
    }
    if (!extracted || !*extracted) {
        return tl::unexpected(extracted
                                  ? extracted->error()
                                  : Error{ErrorCode::internal, "the unpacker did not run", ""});
    }
    if (auto ok = check_version_file(staging->path(), plan); !ok) {
        return tl::unexpected(ok.error());
    }

    InstallMeta meta;
    meta.version = plan.version.str();
    meta.url = plan.url;
    meta.sha256 = plan.sha256;
    meta.size = sink.delivered();
    meta.installed_at = utc_now_rfc3339();
    meta.platform = plan.platform.str();
    meta.platform_override = plan.platform_override;
    meta.manifest = std::move((*extracted)->manifest);
    if (interrupted()) {
        return tl::unexpected(interrupted_error(plan));
    }
    if (auto ok = publish(layout, plan, staging->path(), meta); !ok) {
        return tl::unexpected(ok.error());
    }
    staging->release();

    InstallResult result;
    result.version = plan.version;
    result.platform = plan.platform;
    result.path = layout.version_dir(plan.version);
    result.bytes = sink.delivered();
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

} // namespace gover
