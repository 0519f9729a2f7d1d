// The shim's tool name (core/tool_exec.hpp parse_tool_name): a go1.X.Y name runs exactly that
// release's go, anything else is a tool of the selected version.
#include <gtest/gtest.h>

#include "core/tool_exec.hpp"

namespace gover {
namespace {

TEST(ToolName, PlainToolsKeepTheirName) {
    for (const char* name : {"go", "gofmt", "vet", "go1", "gopls", ""}) {
        const ToolName t = parse_tool_name(name);
        EXPECT_EQ(t.tool, name);
        EXPECT_FALSE(t.pinned) << name;
    }
}

TEST(ToolName, ReleaseNamesPinTheirVersion) {
    const ToolName t = parse_tool_name("go1.22.5");
    EXPECT_EQ(t.tool, "go");
    ASSERT_TRUE(t.pinned);
    EXPECT_EQ(t.pinned->str(), "1.22.5");
    // go1.20 is the go1.20 release (no .0 before 1.21); pre-releases are releases too.
    ASSERT_TRUE(parse_tool_name("go1.20").pinned);
    EXPECT_EQ(parse_tool_name("go1.20").pinned->str(), "1.20");
    ASSERT_TRUE(parse_tool_name("go1.23rc1").pinned);
    EXPECT_EQ(parse_tool_name("go1.23rc1").tool, "go");
}

TEST(ToolName, LanguageVersionsAndJunkAreNotPins) {
    // go1.22 names a language version, never a release: no go1.22 shim pins anything.
    for (const char* name : {"go1.22", "go1.x", "go1.22.5/../../bin", "go1.22.5 ", "go1.-1"}) {
        const ToolName t = parse_tool_name(name);
        EXPECT_FALSE(t.pinned) << name;
        EXPECT_EQ(t.tool, name);
    }
}

} // namespace
} // namespace gover
