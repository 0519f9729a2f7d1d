#include "gover/store/store.hpp"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "core/installed.hpp"
#include "gover/store/install_meta.hpp"
#include "gover/store/staging.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace gover {
namespace {

// A store with one toolchain as an install leaves it (tree + record).
void fake_install(const Layout& layout, const std::string& version) {
    const auto v = *GoVersion::parse(version);
    fs::create_directories(layout.version_dir(v) / "bin");
    std::ofstream(layout.version_dir(v) / "bin/go") << "#!/bin/sh\n";
    std::ofstream(layout.version_dir(v) / "VERSION") << "go" << version << "\n";
    InstallMeta meta;
    meta.version = version;
    meta.sha256 = std::string(64, 'a');
    ASSERT_TRUE(ensure_store_dirs(layout));
    ASSERT_TRUE(write_install_meta(layout, v, meta));
}

TEST(Store, UninstallRemovesTreeAndRecordOnly) {
    test::TempDir home;
    Layout layout(home.path());
    fake_install(layout, "1.22.5");
    fake_install(layout, "1.21.0");
    ASSERT_TRUE(uninstall_version(layout, *GoVersion::parse("1.22.5"), ShimRefresh::no));
    EXPECT_FALSE(fs::exists(layout.versions_dir() / "1.22.5"));
    EXPECT_FALSE(fs::exists(layout.meta_dir() / "1.22.5.json"));
    EXPECT_TRUE(is_installed(layout, *GoVersion::parse("1.21.0")));
    EXPECT_TRUE(fs::exists(layout.meta_dir() / "1.21.0.json"));
    EXPECT_TRUE(fs::is_empty(layout.tmp_dir())) << "the trash is deleted";
}

TEST(Store, UninstallOfMissingVersionIsAnError) {
    test::TempDir home;
    Layout layout(home.path());
    auto result = uninstall_version(layout, *GoVersion::parse("1.22.5"), ShimRefresh::no);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::not_installed);
    EXPECT_NE(result.error().message.find("1.22.5"), std::string::npos);
    EXPECT_FALSE(fs::exists(layout.versions_dir())) << "a failed uninstall creates nothing";
}

TEST(Store, UninstallRemovesAnIncompleteDirectoryToo) {
    test::TempDir home;
    Layout layout(home.path());
    fs::create_directories(layout.versions_dir() / "1.22.5" / "src");
    ASSERT_TRUE(uninstall_version(layout, *GoVersion::parse("1.22.5"), ShimRefresh::no));
    EXPECT_FALSE(fs::exists(layout.versions_dir() / "1.22.5"));
}

TEST(Store, MetaRoundTripsAndBadRecordsNameTheFile) {
    test::TempDir home;
    Layout layout(home.path());
    ASSERT_TRUE(ensure_store_dirs(layout));
    InstallMeta meta;
    meta.version = "1.22.5";
    meta.url = "https://m.test/dl/go1.22.5.linux-amd64.tar.gz";
    meta.sha256 = std::string(64, 'c');
    meta.size = 123;
    meta.installed_at = utc_now_rfc3339();
    meta.platform = "linux-amd64";
    meta.manifest = {{"bin/go", ManifestEntry::Kind::file, 10, std::string(64, 'd'), ""},
                     {"misc/link", ManifestEntry::Kind::symlink, 0, "", "../bin/go"}};
    const auto v = *GoVersion::parse("1.22.5");
    ASSERT_TRUE(write_install_meta(layout, v, meta));
    auto read = read_install_meta(layout, v);
    ASSERT_TRUE(read && *read);
    EXPECT_EQ((*read)->url, meta.url);
    EXPECT_EQ((*read)->size, 123u);
    ASSERT_EQ((*read)->manifest.size(), 2u);
    EXPECT_EQ((*read)->manifest[1].target, "../bin/go");
    EXPECT_EQ((*read)->manifest[0].sha256, std::string(64, 'd'));
    EXPECT_TRUE(fs::is_empty(layout.tmp_dir()));

    std::ofstream(layout.meta_file(v), std::ios::trunc) << "<html>";
    auto bad = read_install_meta(layout, v);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find(layout.meta_file(v).string()), std::string::npos);

    auto none = read_install_meta(layout, *GoVersion::parse("1.21.0"));
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->has_value());
}

} // namespace
} // namespace gover
