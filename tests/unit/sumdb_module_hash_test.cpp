// The h1: module hash, checked against values computed by Go's golang.org/x/mod/sumdb/dirhash
// (Hash1 over files whose content is "data for <name>", the shape of dirhash's own test).
#include "gover/sumdb/module_hash.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "gover/base/sha256.hpp"

namespace gover::sumdb {
namespace {

std::string digest(const std::string& text) {
    Sha256 hasher;
    hasher.update(text);
    return hasher.finish();
}

std::string h1_of(const std::vector<std::string>& names) {
    ModuleHash1 hash;
    for (const auto& name : names) {
        EXPECT_TRUE(hash.add(name, digest("data for " + name)));
    }
    return hash.finish();
}

TEST(SumdbModuleHash, MatchesGoDirhash) {
    EXPECT_EQ(h1_of({"xyz", "abc"}), "h1:EP6WfDoQTSk9klnxcjriWJOGztueJUywHNmWeq+efB8=");
    EXPECT_EQ(h1_of({"abc", "xyz"}), "h1:EP6WfDoQTSk9klnxcjriWJOGztueJUywHNmWeq+efB8=");
    // Sorted byte-wise: "Bin" < "VERSION" < "bin".
    EXPECT_EQ(h1_of({"golang.org/toolchain@v0.0.1-go1.19.8.linux-amd64/bin/go",
                     "golang.org/toolchain@v0.0.1-go1.19.8.linux-amd64/VERSION",
                     "golang.org/toolchain@v0.0.1-go1.19.8.linux-amd64/Bin/z"}),
              "h1:FFeS9/qdRLoRr2d7woBxdHzYJM6BGwEqVDcTARPTGrw=");
    EXPECT_EQ(h1_of({}), "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
}

TEST(SumdbModuleHash, UpperCaseDigestsAreTheSameFile) {
    ModuleHash1 lower;
    ModuleHash1 upper;
    const std::string hex = digest("data for abc");
    std::string hex_upper = hex;
    for (char& c : hex_upper) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    ASSERT_TRUE(lower.add("abc", hex));
    ASSERT_TRUE(upper.add("abc", hex_upper));
    EXPECT_EQ(lower.finish(), upper.finish());
    EXPECT_EQ(lower.size(), 1u);
}

TEST(SumdbModuleHash, RejectsNewlinesAndBadDigests) {
    ModuleHash1 hash;
    const auto newline = hash.add("a\nbc", digest("x"));
    ASSERT_FALSE(newline);
    EXPECT_EQ(newline.error().code, ErrorCode::archive);
    EXPECT_NE(newline.error().message.find("newline"), std::string::npos);
    EXPECT_FALSE(hash.add("abc", "1234"));
    EXPECT_EQ(hash.size(), 0u);
}

} // namespace
} // namespace gover::sumdb
