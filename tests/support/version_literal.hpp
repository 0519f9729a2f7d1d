#pragma once
// v("1.22.1"): a Go version written in a test. A text that does not parse fails the test.

#include <gtest/gtest.h>

#include <string_view>

#include "core/version.hpp"

namespace gover::test {

inline GoVersion v(std::string_view text) {
    auto parsed = GoVersion::parse(text);
    EXPECT_TRUE(parsed) << text;
    return parsed.value_or(GoVersion{});
}

} // namespace gover::test
