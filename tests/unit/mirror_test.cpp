// The mirror's URLs (source/mirror.hpp): GOVER_MIRROR with or without its trailing '/', the
// index URL of an https and of a file:// mirror, and file URLs a local path can be read from.
#include "gover/source/mirror.hpp"

#include <cstdlib>

#include <gtest/gtest.h>

#include "gover/net/http.hpp"

namespace gover {
namespace {

TEST(Mirror, TrailingSlashIsAdded) {
    EXPECT_EQ(Mirror("https://m.test/dl").base_url(), "https://m.test/dl/");
    EXPECT_EQ(Mirror("https://m.test/dl/").base_url(), "https://m.test/dl/");
}

TEST(Mirror, IndexUrlAsGoDevServesIt) {
    EXPECT_EQ(Mirror("https://go.dev/dl/").index_url(), "https://go.dev/dl/?mode=json&include=all");
    EXPECT_EQ(Mirror("file:///srv/go").index_url(), "file:///srv/go/index.json");
}

TEST(Mirror, FileSchemeInAnyCase) {
    EXPECT_TRUE(Mirror("file:///srv/go/").is_file());
    EXPECT_TRUE(Mirror("FILE:///srv/go/").is_file());
    EXPECT_FALSE(Mirror("https://m.test/file/").is_file());
}

TEST(Mirror, FileUrlsArePercentEncodedAndDecodeToThePath) {
    const Mirror https("https://m.test/dl/");
    EXPECT_EQ(https.file_url("go1.22.5.linux-amd64.tar.gz"),
              "https://m.test/dl/go1.22.5.linux-amd64.tar.gz");
    const Mirror local("file:///srv/my mirror/");
    const std::string url = local.file_url("go1.22.5.linux-amd64.tar.gz");
    EXPECT_EQ(url, "file:///srv/my%20mirror/go1.22.5.linux-amd64.tar.gz");
    auto path = file_url_path(url);
    ASSERT_TRUE(path);
    EXPECT_EQ(*path, "/srv/my mirror/go1.22.5.linux-amd64.tar.gz");
}

TEST(Mirror, FromEnvironmentDefaultsToGoDev) {
    ::unsetenv("GOVER_MIRROR");
    EXPECT_EQ(Mirror::from_environment().base_url(), "https://go.dev/dl/");
    ::setenv("GOVER_MIRROR", "", 1);
    EXPECT_EQ(Mirror::from_environment().base_url(), "https://go.dev/dl/");
    ::setenv("GOVER_MIRROR", "https://mirror.corp/go", 1);
    EXPECT_EQ(Mirror::from_environment().base_url(), "https://mirror.corp/go/");
    ::unsetenv("GOVER_MIRROR");
}

} // namespace
} // namespace gover
