#include "gover/base/sha256.hpp"

#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace gover {
namespace {

// FIPS 180-4 examples.
TEST(Sha256, KnownVectors) {
    Sha256 h;
    EXPECT_EQ(h.finish(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    h.update(std::string_view("abc"));
    EXPECT_EQ(h.finish(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    h.update(std::string_view("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
    EXPECT_EQ(h.finish(), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, StreamingEqualsOneShot) {
    std::string data;
    for (int i = 0; i < 100000; ++i) {
        data += static_cast<char>(i * 7 + 3);
    }
    Sha256 whole;
    whole.update(std::string_view(data));
    Sha256 pieces;
    for (std::size_t at = 0, step = 1; at < data.size(); at += step, step = step * 3 % 4099 + 1) {
        pieces.update(std::string_view(data).substr(at, step));
    }
    EXPECT_EQ(whole.finish(), pieces.finish());
}

TEST(Sha256, MillionAs) {
    Sha256 h;
    const std::string block(1000, 'a');
    for (int i = 0; i < 1000; ++i) {
        h.update(std::string_view(block));
    }
    EXPECT_EQ(h.finish(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, FileMatchesStreamAndMissingFileNamesPath) {
    test::TempDir dir;
    const auto path = dir / "data";
    std::ofstream(path) << "abc";
    auto digest = sha256_file(path);
    ASSERT_TRUE(digest) << digest.error().message;
    EXPECT_EQ(*digest, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    auto missing = sha256_file(dir / "missing");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::io);
    EXPECT_NE(missing.error().message.find((dir / "missing").string()), std::string::npos);
}

TEST(Sha256, HexShape) {
    EXPECT_TRUE(is_sha256_hex(std::string(64, 'a')));
    EXPECT_TRUE(is_sha256_hex(std::string(64, 'F')));
    EXPECT_FALSE(is_sha256_hex(std::string(63, 'a')));
    EXPECT_FALSE(is_sha256_hex(""));
    EXPECT_FALSE(is_sha256_hex(std::string(63, 'a') + "g"));
}

} // namespace
} // namespace gover
