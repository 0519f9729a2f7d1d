#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "core/version.hpp"
#include "support/version_literal.hpp"

using gover::GoVersion;

namespace {

using gover::test::v;

int cmp(const std::string& a, const std::string& b) {
    auto c = v(a) <=> v(b);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

} // namespace

// The comparisons Go's go/version package tests, plus the go.dev releases it cannot parse.
TEST(GoVersion, OrdersLikeGo) {
    struct Case {
        const char* a;
        const char* b;
        int want;
    };
    const Case cases[] = {
        {"1", "1", 0},
        {"1", "1.1", -1},
        {"1.20", "1.20.0", 0},
        {"1.20rc1", "1.20", -1},
        {"1.21", "1.21rc1", -1},
        {"1.21rc1", "1.21.0", -1},
        {"1.21.0", "1.21.1", -1},
        {"1.21", "1.21.0", -1},
        {"1.19alpha3", "1.19beta2", -1},
        {"1.19beta2", "1.19rc1", -1},
        {"1.19rc1", "1.19", -1},
        {"1.9.2rc2", "1.9.2", -1},
        {"1.9.2", "1.10", -1},
        {"1.99999999999999998", "1.99999999999999999", -1},
        {"1.100", "1.99", 1},
        {"1.21.10", "1.21.9", 1},
        {"1.5alpha1", "1.5alpha10", -1},
        {"2", "1.99.99", 1},
        {"go1.22.5", "1.22.5", 0},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(cmp(c.a, c.b), c.want) << c.a << " vs " << c.b;
        EXPECT_EQ(cmp(c.b, c.a), -c.want) << c.b << " vs " << c.a;
    }
}

TEST(GoVersion, LanguageVersions) {
    EXPECT_TRUE(v("1.21").is_language_version());
    EXPECT_TRUE(v("1.22").is_language_version());
    EXPECT_FALSE(v("1.20").is_language_version());
    EXPECT_FALSE(v("1.21.0").is_language_version());
    EXPECT_FALSE(v("1.21rc1").is_language_version());
}

TEST(GoVersion, RejectsWhatIsNotAVersion) {
    const std::string bad[] = {"",        "..",     "1.22;rm",        "../../etc",
                               "1..2",    "01.2",   "1.02",           "1.2.03",
                               "1.2.3.4", "1.21rc", "1.21rc0x",       "1.21gamma1",
                               "go",      "v1.22",  "1.22 ",          " 1.22",
                               "1.22/",   "1.22\n", "1.21.0-bigcorp", "1.2.3rc01",
                               "-1",      "1.-2",   "1.2.3rc1rc2",    std::string(10240, '1')};
    for (const auto& s : bad) {
        auto parsed = GoVersion::parse(s);
        ASSERT_FALSE(parsed.has_value()) << s;
        EXPECT_EQ(parsed.error().code, gover::ErrorCode::usage);
        EXPECT_NE(parsed.error().message.find("invalid Go version"), std::string::npos);
        EXPECT_LT(parsed.error().message.size(), 120u);
    }
}

TEST(GoVersion, ToolchainNamesMayCarryASuffix) {
    auto parsed = GoVersion::parse_toolchain("go1.21.0-bigcorp");
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(parsed->str(), "1.21.0");
    EXPECT_FALSE(GoVersion::parse_toolchain("go1.21.0-").has_value());
    EXPECT_FALSE(GoVersion::parse_toolchain("go1.21.0-a/b").has_value());
}

TEST(GoVersion, PrintRoundTrips) {
    for (const char* s : {"1", "1.20", "1.20.0", "1.21", "1.21rc1", "1.9.2rc2", "1.22.5",
                          "1.19alpha3", "12345678901234567890.1.2"}) {
        EXPECT_EQ(v(s).str(), s);
        EXPECT_EQ(v(std::string("go") + s).str(), s);
    }
}

// Property: over every version in a large mixed set, the order is total and consistent
// (antisymmetric, transitive via sort + pairwise check) and equality matches the order.
TEST(GoVersion, OrderIsTotalAndConsistent) {
    std::vector<std::string> texts;
    for (int minor : {0, 9, 20, 21, 22}) {
        const std::string base = "1." + std::to_string(minor);
        texts.push_back(base);
        texts.push_back(base + ".0");
        texts.push_back(base + ".1");
        texts.push_back(base + ".1rc1");
        texts.push_back(base + "rc1");
        texts.push_back(base + "rc2");
        texts.push_back(base + "beta1");
        texts.push_back(base + "alpha1");
    }
    texts.push_back("1");
    texts.push_back("2");
    std::vector<GoVersion> vs;
    for (const auto& t : texts) {
        vs.push_back(v(t));
    }
    std::mt19937 rng(42);
    std::shuffle(vs.begin(), vs.end(), rng);
    std::sort(vs.begin(), vs.end());
    for (std::size_t i = 0; i < vs.size(); ++i) {
        for (std::size_t j = 0; j < vs.size(); ++j) {
            auto ij = vs[i] <=> vs[j];
            auto ji = vs[j] <=> vs[i];
            EXPECT_EQ(ij<0, ji> 0);
            EXPECT_EQ(ij == 0, vs[i] == vs[j]);
            if (i < j) {
                EXPECT_TRUE(ij <= 0) << vs[i].str() << " " << vs[j].str();
            }
        }
    }
}
