// install_toolchain (install/install_transaction.hpp) with the mirror's verified streaming fetch
// (source/archive_fetch.hpp) fed from memory, and the mirror's archive choice and tampering rule
// (source/mirror_archive.hpp).
#include "gover/install/install_transaction.hpp"

#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/installed.hpp"
#include "gover/base/interrupt.hpp"
#include "gover/base/sha256.hpp"
#include "gover/source/archive_fetch.hpp"
#include "gover/source/mirror_archive.hpp"
#include "gover/store/install_meta.hpp"
#include "gover/store/staging.hpp"
#include "gover/store/store_lock.hpp"
#include "support/archive_builder.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace gover {
namespace {

std::string sha_of(const std::string& bytes) {
    Sha256 h;
    h.update(std::string_view(bytes));
    return h.finish();
}

std::vector<std::string> listing(const fs::path& dir) {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        out.push_back(it->path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// Streams bytes into the sink in small pieces, as libcurl's write callback would.
Fetcher serve(std::string bytes, std::atomic<int>* calls = nullptr) {
    return [bytes = std::move(bytes), calls](DownloadSink& sink, const auto& progress) -> Status {
        if (calls) {
            ++*calls;
        }
        for (std::size_t at = 0; at < bytes.size(); at += 1000) {
            auto piece = std::string_view(bytes).substr(at, 1000);
            if (auto ok = sink.write(std::as_bytes(std::span(piece.data(), piece.size()))); !ok) {
                return ok;
            }
            if (progress && !progress(DownloadProgress{at + piece.size(), bytes.size()})) {
                return fail(ErrorCode::interrupted, "cancelled");
            }
        }
        return {};
    };
}

// The plan of one install: the mirror's archive plus the installer's own choices.
struct InstallPlan : MirrorArchive {
    bool force = false;
    bool platform_override = false;
};

// A source that lists exactly the plan's archives (or the plan's own) and fetches through the
// given fetcher: what MirrorSource does, without the index or the network.
class FeedSource final : public ToolchainSource, public ToolchainFetch {
  public:
    FeedSource(const InstallPlan& plan, Fetcher fetch) : plan_(plan), fetch_(std::move(fetch)) {
        archives_ = plan.release_archives;
        if (archives_.empty()) {
            archives_.push_back(ReleaseFile{plan.filename, plan.platform.os, plan.platform.arch,
                                            "archive", plan.sha256, plan.size});
        }
    }
    std::string location() const override { return "https://mirror.test/dl/"; }
    Result<std::vector<AvailableRelease>> releases(const ListOptions&) override { return {}; }
    Status check_record(const GoVersion& version, const InstallMeta& record) override {
        return check_archive_record(version, record, archives_);
    }
    Result<std::unique_ptr<ToolchainFetch>> toolchain(const GoVersion&, const Platform&) override {
        return fail(ErrorCode::internal, "not used");
    }
    std::string name() const override { return plan_.filename; }
    Result<Fetched> fetch_into(const fs::path& staging, const FetchProgress& progress) override {
        return fetch_archive(plan_, fetch_, staging, progress);
    }

  private:
    InstallPlan plan_;
    Fetcher fetch_;
    std::vector<ReleaseFile> archives_;
};

Result<InstallResult> run_install(const Layout& layout, const InstallPlan& plan,
                                  const Fetcher& fetch, const InstallEvents& events = {}) {
    FeedSource source(plan, fetch);
    return install_toolchain(
        layout, source, source,
        InstallTarget{plan.version, plan.platform, plan.platform_override, plan.force}, events);
}

// The tampering rule for an installed version against a list of archives.
Status check_not_tampered(const Layout& layout, const GoVersion& version,
                          const std::vector<ReleaseFile>& archives) {
    auto record = read_install_meta(layout, version);
    if (!record || !*record) {
        return {};
    }
    return check_archive_record(version, **record, archives);
}

class Installer : public ::testing::Test {
  protected:
    void SetUp() override { reset_interrupt(); }

    InstallPlan plan_for(const std::string& version, const std::string& bytes) {
        InstallPlan plan;
        plan.version = *GoVersion::parse(version);
        plan.platform = Platform{"linux", "amd64"};
        plan.filename = "go" + version + ".linux-amd64.tar.gz";
        plan.url = "https://mirror.test/dl/" + plan.filename;
        plan.sha256 = sha_of(bytes);
        plan.size = bytes.size();
        return plan;
    }

    // Invariants after a failure: the store lists the same and tmp/ is empty.
    void expect_untouched(const std::vector<std::string>& versions_before,
                          const std::vector<std::string>& meta_before) {
        EXPECT_EQ(listing(layout.versions_dir()), versions_before);
        EXPECT_EQ(listing(layout.meta_dir()), meta_before);
        EXPECT_EQ(listing(layout.tmp_dir()), std::vector<std::string>{});
    }

    test::TempDir home;
    Layout layout{home.path()};
    std::string toolchain = test::synthetic_toolchain("1.22.5").tar_gz();
};

TEST_F(Installer, InstallsVerifiedToolchainWithRecord) {
    auto plan = plan_for("1.22.5", toolchain);
    std::vector<std::uint64_t> progress;
    InstallEvents events;
    events.progress = [&](std::uint64_t received, std::uint64_t total) {
        progress.push_back(received);
        EXPECT_EQ(total, toolchain.size());
    };
    auto result = run_install(layout, plan, serve(toolchain), events);
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_FALSE(result->already_installed);
    EXPECT_EQ(result->bytes, toolchain.size());
    EXPECT_EQ(result->path, layout.version_dir(plan.version));
    EXPECT_TRUE(is_installed(layout, plan.version));
    EXPECT_TRUE(fs::is_regular_file(layout.version_dir(plan.version) / "VERSION"));
    EXPECT_FALSE(fs::exists(layout.version_dir(plan.version) / "go")) << "go/ is stripped";
    EXPECT_EQ(listing(layout.tmp_dir()), std::vector<std::string>{});
    ASSERT_FALSE(progress.empty());
    EXPECT_EQ(progress.back(), toolchain.size());

    auto meta = read_install_meta(layout, plan.version);
    ASSERT_TRUE(meta && *meta);
    EXPECT_EQ((*meta)->sha256, plan.sha256);
    EXPECT_EQ((*meta)->url, plan.url);
    EXPECT_EQ((*meta)->size, toolchain.size());
    EXPECT_EQ((*meta)->platform, "linux-amd64");
    EXPECT_EQ((*meta)->manifest.size(), 4u);
    auto changes = verify_install(layout, plan.version);
    ASSERT_TRUE(changes);
    EXPECT_TRUE(changes->empty());
}

TEST_F(Installer, SecondInstallIsANoOpWithoutDownload) {
    auto plan = plan_for("1.22.5", toolchain);
    std::atomic<int> calls = 0;
    ASSERT_TRUE(run_install(layout, plan, serve(toolchain, &calls)));
    auto again = run_install(layout, plan, serve(toolchain, &calls));
    ASSERT_TRUE(again);
    EXPECT_TRUE(again->already_installed);
    EXPECT_EQ(calls.load(), 1);
}

TEST_F(Installer, ChecksumMismatchNamesBothHashesAndLeavesNothing) {
    auto plan = plan_for("1.22.5", toolchain);
    plan.sha256 = std::string(64, 'a');
    auto result = run_install(layout, plan, serve(toolchain));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::checksum);
    EXPECT_NE(result.error().message.find(plan.url), std::string::npos);
    EXPECT_NE(result.error().message.find(plan.sha256), std::string::npos);
    EXPECT_NE(result.error().message.find(sha_of(toolchain)), std::string::npos);
    expect_untouched({}, {});
}

TEST_F(Installer, ShortDownloadIsASizeMismatch) {
    auto plan = plan_for("1.22.5", toolchain);
    plan.size += 10;
    auto result = run_install(layout, plan, serve(toolchain));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::checksum);
    EXPECT_NE(result.error().message.find("size"), std::string::npos);
    expect_untouched({}, {});
}

TEST_F(Installer, NetworkFailureMidStreamLeavesNothing) {
    auto plan = plan_for("1.22.5", toolchain);
    Fetcher broken = [&](DownloadSink& sink, const auto&) -> Status {
        auto half = std::string_view(toolchain).substr(0, toolchain.size() / 2);
        (void)sink.write(std::as_bytes(std::span(half.data(), half.size())));
        return fail(ErrorCode::network, "connection reset by peer");
    };
    auto result = run_install(layout, plan, broken);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::network);
    EXPECT_EQ(result.error().message, "connection reset by peer");
    expect_untouched({}, {});
}

TEST_F(Installer, RestartedBodyIsSkippedUpToWhatWasDelivered) {
    auto plan = plan_for("1.22.5", toolchain);
    // Attempt one stops halfway; the server then ignores Range and sends everything again.
    Fetcher resumed = [&](DownloadSink& sink, const auto&) -> Status {
        const auto half = toolchain.size() / 2;
        auto first = std::string_view(toolchain).substr(0, half);
        if (auto ok = sink.write(std::as_bytes(std::span(first.data(), first.size()))); !ok) {
            return ok;
        }
        EXPECT_EQ(sink.bytes_written(), half);
        EXPECT_TRUE(sink.restart());
        EXPECT_EQ(sink.bytes_written(), 0u);
        for (std::size_t at = 0; at < toolchain.size(); at += 333) {
            auto piece = std::string_view(toolchain).substr(at, 333);
            if (auto ok = sink.write(std::as_bytes(std::span(piece.data(), piece.size()))); !ok) {
                return ok;
            }
        }
        return {};
    };
    auto result = run_install(layout, plan, resumed);
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->bytes, toolchain.size());
}

TEST_F(Installer, HostileArchiveWithMatchingHashIsRefused) {
    test::TempDir outside;
    for (const auto& kind : test::hostile_kinds()) {
        const std::string bytes =
            test::hostile_toolchain(kind, "1.22.5", outside.path().string()).tar_gz();
        auto result = run_install(layout, plan_for("1.22.5", bytes), serve(bytes));
        ASSERT_FALSE(result) << kind;
        EXPECT_EQ(result.error().code, ErrorCode::archive)
            << kind << ": " << result.error().message;
        expect_untouched({}, {});
        EXPECT_EQ(listing(outside.path()), std::vector<std::string>{}) << kind;
    }
}

TEST_F(Installer, VersionFileMustNameTheVersion) {
    const std::string other = test::synthetic_toolchain("1.22.4").tar_gz();
    auto result = run_install(layout, plan_for("1.22.5", other), serve(other));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::archive);
    EXPECT_NE(result.error().message.find("go1.22.4"), std::string::npos);
    EXPECT_NE(result.error().message.find("go1.22.5"), std::string::npos);
    expect_untouched({}, {});
}

TEST_F(Installer, ChangedIndexHashIsTamperingEvenWithForce) {
    auto plan = plan_for("1.22.5", toolchain);
    ASSERT_TRUE(run_install(layout, plan, serve(toolchain)));
    const std::string replacement =
        test::synthetic_toolchain("1.22.5").file("go/extra", "x").tar_gz();
    auto changed = plan_for("1.22.5", replacement);
    for (bool force : {false, true}) {
        changed.force = force;
        std::atomic<int> calls = 0;
        auto result = run_install(layout, changed, serve(replacement, &calls));
        ASSERT_FALSE(result);
        EXPECT_EQ(result.error().code, ErrorCode::tampering);
        EXPECT_NE(result.error().message.find(plan.sha256), std::string::npos);
        EXPECT_NE(result.error().message.find(changed.sha256), std::string::npos);
        EXPECT_EQ(calls.load(), 0);
    }
    EXPECT_FALSE(fs::exists(layout.version_dir(plan.version) / "extra"));
    // Another version is unaffected.
    const std::string other = test::synthetic_toolchain("1.21.0").tar_gz();
    EXPECT_TRUE(run_install(layout, plan_for("1.21.0", other), serve(other)));
}

// A copy installed with --platform is compared with the index entry it came from: the host's
// archive of the same version has another hash, and that is not tampering.
TEST_F(Installer, TamperingCheckComparesTheArchiveTheCopyCameFrom) {
    const std::string darwin = test::synthetic_toolchain("1.22.5").file("go/darwin", "x").tar_gz();
    auto plan = plan_for("1.22.5", darwin);
    plan.platform = Platform{"darwin", "amd64"};
    plan.filename = "go1.22.5.darwin-amd64.tar.gz";
    plan.url = "https://mirror.test/dl/" + plan.filename;
    plan.platform_override = true;
    ASSERT_TRUE(run_install(layout, plan, serve(darwin)));

    Release release;
    release.version = plan.version;
    release.files = {
        ReleaseFile{"go1.22.5.linux-amd64.tar.gz", "linux", "amd64", "archive", sha_of(toolchain),
                    toolchain.size()},
        ReleaseFile{plan.filename, "darwin", "amd64", "archive", plan.sha256, darwin.size()}};
    EXPECT_TRUE(check_not_tampered(layout, plan.version, release.files));

    // The darwin entry changes: tampering, naming that file and both hashes; a forced install
    // of the host's archive is refused too, before any download.
    const std::string fake(64, 'a');
    const std::string listed = release.files[1].sha256;
    release.files[1].sha256 = fake;
    auto host = plan_for("1.22.5", toolchain);
    host.release_archives = release.files;
    host.force = true;
    std::atomic<int> calls = 0;
    auto forced = run_install(layout, host, serve(toolchain, &calls));
    EXPECT_EQ(calls.load(), 0);
    for (const Status& checked : {check_not_tampered(layout, plan.version, release.files),
                                  forced ? Status{} : Status(tl::unexpected(forced.error()))}) {
        ASSERT_FALSE(checked);
        EXPECT_EQ(checked.error().code, ErrorCode::tampering);
        EXPECT_NE(checked.error().message.find(plan.filename), std::string::npos);
        EXPECT_NE(checked.error().message.find(fake), std::string::npos);
        EXPECT_NE(checked.error().message.find(plan.sha256), std::string::npos);
    }
    // An index that no longer lists the darwin archive has nothing to compare with.
    auto without_darwin = release.files;
    without_darwin.pop_back();
    EXPECT_TRUE(check_not_tampered(layout, plan.version, without_darwin));
    // With the darwin entry as it was, --force over the darwin copy with the host's is allowed.
    release.files[1].sha256 = listed;
    host.release_archives = release.files;
    EXPECT_TRUE(run_install(layout, host, serve(toolchain)));
}

TEST_F(Installer, ForceReinstallsInPlace) {
    auto plan = plan_for("1.22.5", toolchain);
    ASSERT_TRUE(run_install(layout, plan, serve(toolchain)));
    fs::remove(layout.version_dir(plan.version) / "src/README");
    plan.force = true;
    auto result = run_install(layout, plan, serve(toolchain));
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_FALSE(result->already_installed);
    EXPECT_TRUE(fs::exists(layout.version_dir(plan.version) / "src/README"));
    EXPECT_EQ(listing(layout.tmp_dir()), std::vector<std::string>{});
}

TEST_F(Installer, ConcurrentInstallsMakeOneDownload) {
    auto plan = plan_for("1.22.5", toolchain);
    std::atomic<int> calls = 0;
    std::vector<std::thread> threads;
    std::atomic<int> ok = 0;
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&] {
            if (run_install(layout, plan, serve(toolchain, &calls))) {
                ++ok;
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(ok.load(), 8);
    EXPECT_EQ(calls.load(), 1);
    EXPECT_EQ(listing(layout.versions_dir()), std::vector<std::string>{"1.22.5"});
    EXPECT_EQ(listing(layout.tmp_dir()), std::vector<std::string>{});
}

TEST_F(Installer, StaleLeftoversAreCleanedUnlessTheirLockIsHeld) {
    ASSERT_TRUE(ensure_store_dirs(layout));
    const auto stale_same = layout.tmp_dir() / "install-1.22.5-1-dead";
    const auto stale_other = layout.tmp_dir() / "trash-1.20-2-beef";
    const auto busy = layout.tmp_dir() / "install-1.21.0-3-cafe";
    const auto foreign = layout.tmp_dir() / "someone-elses-file";
    for (const auto& p : {stale_same, stale_other, busy}) {
        fs::create_directories(p / "bin");
    }
    std::ofstream(foreign) << "keep";
    auto held = StoreLock::acquire(layout, "1.21.0", StoreLock::Wait::try_only);
    ASSERT_TRUE(held);
    ASSERT_TRUE(run_install(layout, plan_for("1.22.5", toolchain), serve(toolchain)));
    EXPECT_FALSE(fs::exists(stale_same));
    EXPECT_FALSE(fs::exists(stale_other));
    EXPECT_TRUE(fs::exists(busy)) << "an install that holds its lock is not stale";
    EXPECT_TRUE(fs::exists(foreign)) << "only gover's own names are touched";
}

TEST_F(Installer, InterruptLeavesNothingBehind) {
    auto plan = plan_for("1.22.5", toolchain);
    install_interrupt_handlers();
    Fetcher interrupted_midway = [&](DownloadSink& sink, const auto& progress) -> Status {
        auto half = std::string_view(toolchain).substr(0, toolchain.size() / 2);
        (void)sink.write(std::as_bytes(std::span(half.data(), half.size())));
        std::raise(SIGINT);
        if (!progress(DownloadProgress{half.size(), toolchain.size()})) {
            return fail(ErrorCode::interrupted, "cancelled");
        }
        return {};
    };
    auto result = run_install(layout, plan, interrupted_midway);
    EXPECT_EQ(interrupt_signal(), SIGINT);
    reset_interrupt();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::interrupted);
    expect_untouched({}, {});
}

TEST_F(Installer, VerifyReportsChangedStore) {
    auto plan = plan_for("1.22.5", toolchain);
    ASSERT_TRUE(run_install(layout, plan, serve(toolchain)));
    const auto root = layout.version_dir(plan.version);
    std::ofstream(root / "bin/go", std::ios::trunc) << "#!/bin/sh\necho \"go version evil\" \n";
    fs::remove(root / "src/README");
    std::ofstream(root / "VERSION", std::ios::app) << "more";
    auto changes = verify_install(layout, plan.version);
    ASSERT_TRUE(changes);
    std::map<std::string, StoreChange::Kind> found;
    for (const auto& c : *changes) {
        found[c.path] = c.kind;
    }
    EXPECT_EQ(found.size(), 3u);
    EXPECT_EQ(found["src/README"], StoreChange::Kind::missing);
    EXPECT_EQ(found["VERSION"], StoreChange::Kind::size);
    EXPECT_TRUE(found["bin/go"] == StoreChange::Kind::content ||
                found["bin/go"] == StoreChange::Kind::size);
}

TEST_F(Installer, SameSizeContentChangeInBinIsCaught) {
    auto plan = plan_for("1.22.5", toolchain);
    ASSERT_TRUE(run_install(layout, plan, serve(toolchain)));
    const auto go = layout.version_dir(plan.version) / "bin/go";
    std::string content;
    {
        std::ifstream in(go);
        std::stringstream s;
        s << in.rdbuf();
        content = s.str();
    }
    content[content.size() - 3] ^= 1;
    std::ofstream(go, std::ios::trunc) << content;
    auto changes = verify_install(layout, plan.version);
    ASSERT_TRUE(changes);
    ASSERT_EQ(changes->size(), 1u);
    EXPECT_EQ(changes->front().kind, StoreChange::Kind::content);
}

// ---- Choosing the archive from an index entry ----

Release release_with(std::vector<ReleaseFile> files) {
    Release r;
    r.version = *GoVersion::parse("1.15.15");
    r.stable = true;
    r.files = std::move(files);
    return r;
}

TEST(PlanArchive, PicksThePlatformsArchiveByName) {
    const std::string sha(64, 'B');
    auto release = release_with({
        {"go1.15.15.src.tar.gz", "", "", "source", sha, 1},
        {"go1.15.15.darwin-amd64.pkg", "darwin", "amd64", "installer", sha, 2},
        {"go1.15.15.darwin-amd64.tar.gz", "darwin", "amd64", "archive", sha, 3},
        {"go1.15.15.linux-amd64.tar.gz", "linux", "amd64", "archive", sha, 4},
    });
    auto plan = plan_archive(release, Platform{"darwin", "amd64"}, Mirror("https://m.test/dl"));
    ASSERT_TRUE(plan) << plan.error().message;
    EXPECT_EQ(plan->url, "https://m.test/dl/go1.15.15.darwin-amd64.tar.gz");
    EXPECT_EQ(plan->size, 3u);
    EXPECT_EQ(plan->sha256, std::string(64, 'b'));
}

TEST(PlanArchive, NoArchiveNamesThePlatformsThatHaveOne) {
    const std::string sha(64, 'b');
    auto release = release_with({
        {"go1.15.15.darwin-amd64.tar.gz", "darwin", "amd64", "archive", sha, 3},
        {"go1.15.15.linux-amd64.tar.gz", "linux", "amd64", "archive", sha, 4},
        {"go1.15.15.darwin-arm64.pkg", "darwin", "arm64", "installer", sha, 2},
    });
    auto plan = plan_archive(release, Platform{"darwin", "arm64"}, Mirror("https://m.test/"));
    ASSERT_FALSE(plan);
    EXPECT_EQ(plan.error().code, ErrorCode::not_found);
    EXPECT_NE(plan.error().message.find("darwin-arm64"), std::string::npos);
    EXPECT_NE(plan.error().message.find("darwin-amd64, linux-amd64"), std::string::npos)
        << plan.error().message;
    EXPECT_NE(plan.error().hint.find("--platform"), std::string::npos);
}

TEST(PlanArchive, EmptySha256IsRefused) {
    auto release =
        release_with({{"go1.15.15.linux-amd64.tar.gz", "linux", "amd64", "archive", "", 4}});
    auto plan = plan_archive(release, Platform{"linux", "amd64"}, Mirror("https://m.test/"));
    ASSERT_FALSE(plan);
    EXPECT_EQ(plan.error().code, ErrorCode::checksum);
    EXPECT_NE(plan.error().message.find("no sha256"), std::string::npos);
    EXPECT_NE(plan.error().message.find("go1.15.15.linux-amd64.tar.gz"), std::string::npos);
}

} // namespace
} // namespace gover
