// The table of pin files the directory walk reads (README "Version selection"): names and order
// come from one place, and each row's parser behaves as the walk needs.
#include <gtest/gtest.h>

#include <string>

#include "core/pin_file_formats.hpp"

namespace {

using gover::k_pin_files;
using gover::PinSource;

TEST(PinFileFormats, ToolVersionsIsReadBeforeGoVersion) {
    ASSERT_EQ(k_pin_files.size(), 2u);
    EXPECT_EQ(k_pin_files[0].name, ".tool-versions");
    EXPECT_EQ(k_pin_files[0].kind, PinSource::Kind::tool_versions);
    EXPECT_EQ(k_pin_files[1].name, ".go-version");
    EXPECT_EQ(k_pin_files[1].kind, PinSource::Kind::go_version);
    EXPECT_EQ(gover::pin_file_names(" or "), ".tool-versions or .go-version");
    EXPECT_EQ(gover::k_longest_pin_file_name, std::string(".tool-versions").size());
}

TEST(PinFileFormats, AToolVersionsWithoutGoPinsNothing) {
    auto line = k_pin_files[0].parse("nodejs 20.1.0\n", "/p/.tool-versions");
    ASSERT_TRUE(line) << line.error().message;
    EXPECT_FALSE(line->has_value());
    line = k_pin_files[0].parse("nodejs 20.1.0\ngolang 1.22.5\n", "/p/.tool-versions");
    ASSERT_TRUE(line && line->has_value());
    EXPECT_EQ((*line)->line, 2);
    EXPECT_EQ((*line)->words.at(0), "1.22.5");
}

TEST(PinFileFormats, AGoVersionFileAlwaysPinsOrIsAnError) {
    auto line = k_pin_files[1].parse("1.21.13\n", "/p/.go-version");
    ASSERT_TRUE(line && line->has_value());
    EXPECT_EQ((*line)->words.at(0), "1.21.13");
    const auto empty = k_pin_files[1].parse("", "/p/.go-version");
    ASSERT_FALSE(empty);
    EXPECT_NE(empty.error().message.find("/p/.go-version"), std::string::npos)
        << empty.error().message;
}

} // namespace
