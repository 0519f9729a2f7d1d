// spec.cpp: what users type (specs) and what files hold (pins), README "Commands", and the one
// resolve() that picks from a list of versions.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/spec.hpp"
#include "support/version_literal.hpp"

namespace gover {
namespace {

using Kind = VersionRequest::Kind;

using test::v;

std::vector<GoVersion> list(std::initializer_list<const char*> texts) {
    std::vector<GoVersion> out;
    for (const char* text : texts) {
        out.push_back(v(text));
    }
    return out;
}

// A store or index in no particular order, as the real data comes.
const std::vector<GoVersion> k_available =
    list({"1.22.5", "1.21.0", "1.20", "1.20.1", "1.23rc1", "1.22.12", "1.21rc2", "1.9.2rc2",
          "1.9.2", "1.19.13", "1.22rc1", "1.24beta1", "1.23.0", "1.23.4", "1.4.3", "1.10"});

std::string resolved(std::string_view spec, const std::vector<GoVersion>& available = k_available,
                     PrereleaseFallback fallback = PrereleaseFallback::no) {
    auto request = parse_spec(spec);
    EXPECT_TRUE(request) << spec;
    auto found = resolve(*request, available, fallback);
    return found ? found->str() : "none";
}

TEST(ParseSpec, Kinds) {
    struct Case {
        const char* text;
        Kind kind;
        const char* version; // "" for latest and system
    };
    const Case cases[] = {
        {"1.22.5", Kind::exact, "1.22.5"},
        {"go1.22.5", Kind::exact, "1.22.5"},
        {"1.20.0", Kind::exact, "1.20.0"},
        {"1.22", Kind::series, "1.22"},
        {"1.20", Kind::series, "1.20"},
        {"go1.21", Kind::series, "1.21"},
        {"1", Kind::latest, ""},
        {"latest", Kind::latest, ""},
        {"go1", Kind::latest, ""},
        {"1.23rc1", Kind::exact, "1.23rc1"},
        {"1.21beta1", Kind::exact, "1.21beta1"},
        {"1.9.2rc2", Kind::exact, "1.9.2rc2"},
        {"system", Kind::system, ""},
    };
    for (const auto& c : cases) {
        auto request = parse_spec(c.text);
        ASSERT_TRUE(request) << c.text;
        EXPECT_EQ(request->kind, c.kind) << c.text;
        if (*c.version) {
            EXPECT_EQ(request->version.str(), c.version) << c.text;
        }
    }
}

TEST(ParseSpec, RejectsEverythingElseAsUsage) {
    for (const char* text : {"",          " 1.22",   "1.22 ",     "go1.21.0-bigcorp",
                             "1.22.5-rc", "1.22.x",  "1.22.",     ".1.22",
                             "v1.22",     "Latest",  "LATEST",    "stable",
                             "System",    "1.22;rm", "../../etc", "1..22",
                             "01.22",     "1.022",   "1.21rc",    "1.21RC1",
                             "1.21-rc1",  "1.2.3.4", "go",        "~1.22",
                             "^1.22",     ">=1.22",  "1.22/..",   "1.22\n"}) {
        auto request = parse_spec(text);
        ASSERT_FALSE(request) << text;
        EXPECT_EQ(request.error().code, ErrorCode::usage) << text;
        EXPECT_FALSE(request.error().hint.empty()) << text;
    }
    EXPECT_FALSE(parse_spec(std::string(10000, '1')));
}

TEST(ParsePin, LanguageVersionsAndReleases) {
    struct Case {
        const char* text;
        Kind kind;
        const char* version;
    };
    const Case cases[] = {
        {"1.22.5", Kind::exact, "1.22.5"},   {"go1.22.5", Kind::exact, "1.22.5"},
        {"1.20", Kind::exact, "1.20"}, // the go1.20 release, unlike the spec 1.20
        {"1.19", Kind::exact, "1.19"},       {"1.22", Kind::series, "1.22"},
        {"1.21", Kind::series, "1.21"},      {"go1.22", Kind::series, "1.22"},
        {"1.23rc1", Kind::exact, "1.23rc1"}, {"1.21.0", Kind::exact, "1.21.0"},
        {"system", Kind::system, ""},
    };
    for (const auto& c : cases) {
        auto request = parse_pin(c.text);
        ASSERT_TRUE(request) << c.text;
        EXPECT_EQ(request->kind, c.kind) << c.text;
        if (*c.version) {
            EXPECT_EQ(request->version.str(), c.version) << c.text;
        }
    }
    for (const char* text : {"latest", "", "1.22.x", "go1.21.0-bigcorp", "../1.22", "golang"}) {
        EXPECT_FALSE(parse_pin(text)) << text;
    }
}

TEST(Resolve, SeriesTakesTheNewestStableRelease) {
    EXPECT_EQ(resolved("1.22"), "1.22.12");
    EXPECT_EQ(resolved("1.23"), "1.23.4");
    EXPECT_EQ(resolved("1.20"), "1.20.1");
    EXPECT_EQ(resolved("1.21"), "1.21.0"); // not 1.21rc2
    EXPECT_EQ(resolved("1.9"), "1.9.2");   // not 1.9.2rc2
    EXPECT_EQ(resolved("1.24"), "none");   // only 1.24beta1
    EXPECT_EQ(resolved("1.24", k_available, PrereleaseFallback::yes), "1.24beta1");
    EXPECT_EQ(resolved("1.25"), "none");
    EXPECT_EQ(resolved("1.1"), "none"); // 1.10 is not in the 1.1 series
}

TEST(Resolve, LatestIsTheNewestStable) {
    EXPECT_EQ(resolved("latest"), "1.23.4");
    EXPECT_EQ(resolved("1"), "1.23.4");
    EXPECT_EQ(resolved("latest", list({"1.24rc1", "1.24beta1"})), "none");
    EXPECT_EQ(resolved("latest", {}), "none");
}

TEST(Resolve, ExactFindsTheVersionAsSpelledInTheList) {
    EXPECT_EQ(resolved("1.22.5"), "1.22.5");
    EXPECT_EQ(resolved("1.20.0"), "1.20"); // go.dev's name for it
    EXPECT_EQ(resolved("1.20"), "1.20.1"); // while the spec 1.20 is the series
    EXPECT_EQ(resolved("1.23rc1"), "1.23rc1");
    EXPECT_EQ(resolved("1.9.2rc2"), "1.9.2rc2");
    EXPECT_EQ(resolved("1.22.6"), "none");
    EXPECT_EQ(resolved("1.23rc2"), "none");
}

TEST(Resolve, PinsResolveAgainstTheStore) {
    const auto store = list({"1.22.1", "1.22.5", "1.21.3", "1.20"});
    EXPECT_EQ(resolve(*parse_pin("1.22"), store)->str(), "1.22.5");
    EXPECT_EQ(resolve(*parse_pin("1.20"), store)->str(), "1.20");
    EXPECT_EQ(resolve(*parse_pin("1.21.3"), store)->str(), "1.21.3");
    EXPECT_FALSE(resolve(*parse_pin("1.21.4"), store));
    EXPECT_FALSE(resolve(*parse_pin("1.23"), store));
    EXPECT_FALSE(resolve(*parse_pin("system"), store));
}

TEST(Resolve, MinimumTakesTheNewestAtOrAbove) {
    const VersionRequest at_least{Kind::minimum, v("1.21.0")};
    EXPECT_EQ(resolve(at_least, k_available)->str(), "1.23.4");
    const auto store = list({"1.20", "1.21rc2", "1.19.13"});
    EXPECT_FALSE(resolve(at_least, store));
    const VersionRequest rc{Kind::minimum, v("1.21rc2")};
    EXPECT_FALSE(resolve(rc, store));
    EXPECT_EQ(resolve(rc, store, PrereleaseFallback::yes)->str(), "1.21rc2");
}

TEST(Matches, FiltersLikeListRemote) {
    auto filter = [](std::string_view spec) {
        std::vector<std::string> kept;
        const auto request = *parse_spec(spec);
        for (const auto& version : k_available) {
            if (matches(request, version)) {
                kept.push_back(version.str());
            }
        }
        std::sort(kept.begin(), kept.end());
        return kept;
    };
    EXPECT_EQ(filter("1.22"), (std::vector<std::string>{"1.22.12", "1.22.5", "1.22rc1"}));
    EXPECT_EQ(filter("1.20"), (std::vector<std::string>{"1.20", "1.20.1"}));
    EXPECT_EQ(filter("1.20.0"), (std::vector<std::string>{"1.20"}));
    EXPECT_EQ(filter("1.23rc1"), (std::vector<std::string>{"1.23rc1"}));
    // latest as a filter keeps the stable ones; list-remote then prints the first.
    EXPECT_EQ(filter("latest").size(), 11u);
    const auto system = *parse_spec("system");
    EXPECT_FALSE(matches(system, v("1.22.5")));
}

TEST(Describe, ReadsNaturally) {
    EXPECT_EQ(parse_spec("1.22.5")->describe(), "1.22.5");
    EXPECT_EQ(parse_spec("1.22")->describe(), "1.22 (newest 1.22.x)");
    EXPECT_EQ(parse_spec("latest")->describe(), "latest");
    EXPECT_EQ(parse_spec("system")->describe(), "system");
    EXPECT_EQ((VersionRequest{Kind::minimum, v("1.21.0")}.describe()), "1.21.0 or newer");
}

} // namespace
} // namespace gover
