// The pin and module file readers (README "Which version runs"): asdf's .tool-versions, goenv's
// .go-version, cmd/go's go.mod / go.work, every malformed case, and the bounded regular-file
// reader.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include "core/version_files.hpp"
#include "support/temp_dir.hpp"

using gover::ErrorCode;
using gover::ModuleFileKind;
using gover::ModuleRequirement;
using gover::VersionRequest;
using Kind = gover::VersionRequest::Kind;

namespace {

gover::PinLine tool_line(std::string_view text) {
    auto r = gover::parse_tool_versions(text, "/p/.tool-versions");
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
    EXPECT_TRUE(r && r->has_value()) << "no golang line found in: " << text;
    return r && *r ? **r : gover::PinLine{};
}

bool tool_line_absent(std::string_view text) {
    auto r = gover::parse_tool_versions(text, "/p/.tool-versions");
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
    return r && !r->has_value();
}

gover::Error tool_error(std::string_view text) {
    auto r = gover::parse_tool_versions(text, "/p/.tool-versions");
    EXPECT_FALSE(r.has_value()) << "accepted: " << text;
    return r ? gover::Error{} : r.error();
}

ModuleRequirement module_req(std::string_view text, ModuleFileKind kind = ModuleFileKind::go_mod) {
    auto r = gover::parse_module_file(text, "/p/go.mod", kind);
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
    EXPECT_TRUE(r && r->has_value());
    return r && *r ? **r : ModuleRequirement{};
}

gover::Error module_error(std::string_view text) {
    auto r = gover::parse_module_file(text, "/p/go.mod", ModuleFileKind::go_mod);
    EXPECT_FALSE(r.has_value()) << "accepted: " << text;
    return r ? gover::Error{} : r.error();
}

void write_file(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

} // namespace

// --- .tool-versions (asdf's format) --------------------------------------------------------

TEST(ToolVersions, ReadsTheGolangLineAmongOtherTools) {
    const auto line = tool_line("nodejs 20.11.0\npython 3.12.1\ngolang 1.22.5\nruby 3.3.0\n");
    EXPECT_EQ(line.key, "golang");
    EXPECT_EQ(line.line, 3);
    ASSERT_EQ(line.pins.size(), 1u);
    EXPECT_EQ(line.pins[0].kind, Kind::exact);
    EXPECT_EQ(line.pins[0].version.str(), "1.22.5");
}

TEST(ToolVersions, AcceptsGoAsTheKeyToo) {
    const auto line = tool_line("go 1.21.0\n");
    EXPECT_EQ(line.key, "go");
    EXPECT_EQ(line.words, std::vector<std::string>{"1.21.0"});
}

// asdf reads the first line naming the tool and ignores later ones.
TEST(ToolVersions, FirstMatchingLineWins) {
    EXPECT_EQ(tool_line("go 1.21.0\ngolang 1.22.5\n").key, "go");
    EXPECT_EQ(tool_line("golang 1.22.5\ngolang 1.21.0\n").words[0], "1.22.5");
}

TEST(ToolVersions, FallbackListKeepsOrder) {
    const auto line = tool_line("golang 1.22.5 1.21.0 system\n");
    ASSERT_EQ(line.pins.size(), 3u);
    EXPECT_EQ(line.pins[0].version.str(), "1.22.5");
    EXPECT_EQ(line.pins[1].version.str(), "1.21.0");
    EXPECT_EQ(line.pins[2].kind, Kind::system);
}

TEST(ToolVersions, PinKinds) {
    EXPECT_EQ(tool_line("golang 1.22\n").pins[0].kind, Kind::series); // language version
    EXPECT_EQ(tool_line("golang 1.20\n").pins[0].kind, Kind::exact);  // the go1.20 release
    EXPECT_EQ(tool_line("golang go1.22.5\n").pins[0].version.str(), "1.22.5");
    EXPECT_EQ(tool_line("golang 1.23rc1\n").pins[0].kind, Kind::exact);
}

TEST(ToolVersions, CommentsWholeLineAndTrailing) {
    const auto line = tool_line("# golang 1.19.0\n   # golang 1.18\ngolang 1.22.5 # for CI\n");
    EXPECT_EQ(line.line, 3);
    EXPECT_EQ(line.words, std::vector<std::string>{"1.22.5"});
    // asdf strips from '#' even without a space before it.
    EXPECT_EQ(tool_line("golang 1.22.5#note\n").words, std::vector<std::string>{"1.22.5"});
}

TEST(ToolVersions, CrlfBomTabsBlankLinesNoFinalNewline) {
    EXPECT_EQ(tool_line("nodejs 20\r\ngolang 1.22.5\r\n").words[0], "1.22.5");
    const auto bom = tool_line("\xEF\xBB\xBFgolang 1.22.5\n");
    EXPECT_EQ(bom.key, "golang");
    EXPECT_EQ(bom.line, 1);
    EXPECT_EQ(tool_line("\tgolang\t1.22.5\t\t1.21.0  \n").words.size(), 2u);
    const auto blank = tool_line("\n\n   \n\t\ngolang 1.22.5");
    EXPECT_EQ(blank.line, 5);
    EXPECT_EQ(blank.words[0], "1.22.5");
}

TEST(ToolVersions, NoGolangLineDoesNotPin) {
    EXPECT_TRUE(tool_line_absent(""));
    EXPECT_TRUE(tool_line_absent("\xEF\xBB\xBF"));
    EXPECT_TRUE(tool_line_absent("nodejs 20.11.0\npython 3.12\n"));
    EXPECT_TRUE(tool_line_absent("golangci-lint 1.55.0\ngopls 0.14\n"));
    EXPECT_TRUE(tool_line_absent("Golang 1.22.5\n")); // asdf's tool names are case-sensitive
    EXPECT_TRUE(tool_line_absent("# golang 1.22.5\n"));
}

// asdf stops at the first golang line; with no version on it the file does not pin golang.
TEST(ToolVersions, KeyWithoutVersionDoesNotPin) {
    EXPECT_TRUE(tool_line_absent("golang\ngolang 1.22.5\n"));
    EXPECT_TRUE(tool_line_absent("golang   # later\n"));
}

TEST(ToolVersions, InvalidVersionIsAnErrorAtItsLine) {
    const auto e = tool_error("nodejs 20\ngolang 1.22.x\n");
    EXPECT_EQ(e.code, ErrorCode::bad_pin);
    EXPECT_EQ(e.message.rfind("/p/.tool-versions:2: ", 0), 0u) << e.message;
    EXPECT_NE(e.message.find("1.22.x"), std::string::npos);
    EXPECT_FALSE(e.hint.empty());
    // A bad fallback is as wrong as a bad first version; asdf's ref:/path: are not versions.
    EXPECT_EQ(tool_error("golang 1.22.5 ref:abc\n").message.rfind("/p/.tool-versions:1: ", 0), 0u);
    EXPECT_EQ(tool_error("golang latest\n").code, ErrorCode::bad_pin);
    EXPECT_EQ(tool_error("golang ../../etc\n").code, ErrorCode::bad_pin);
}

TEST(ToolVersions, BinaryContentIsAnError) {
    std::string text = "nodejs 20\n";
    text += std::string("\0\x01\x02", 3);
    text += "\ngolang 1.22.5\n";
    const auto e = tool_error(text);
    EXPECT_EQ(e.message, "/p/.tool-versions:2: binary data, not a version file");
    // UTF-16 (a BOM FF FE, then NULs) is binary too.
    EXPECT_EQ(tool_error(std::string("\xFF\xFEg\0o\0", 6)).code, ErrorCode::bad_pin);
}

// --- .go-version (goenv) and global ------------------------------------------------------------

TEST(VersionFile, FirstWordOfFirstNonCommentLine) {
    auto r = gover::parse_version_file("\n# pinned for the team\n  1.21.0  # why\n1.22.5\n",
                                       "/p/.go-version");
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->line, 3);
    EXPECT_EQ(r->pins[0].version.str(), "1.21.0");
    EXPECT_EQ(r->key, "");
    // One pin: later words are not fallbacks.
    r = gover::parse_version_file("1.22.5 1.21.0", "/p/.go-version");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->pins.size(), 1u);
}

TEST(VersionFile, BomCrlfPrefixAndKinds) {
    auto r = gover::parse_version_file("\xEF\xBB\xBFgo1.22.5\r\n", "/p/.go-version");
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->pins[0].version.str(), "1.22.5");
    EXPECT_EQ(gover::parse_version_file("1.22", "g")->pins[0].kind, Kind::series);
    EXPECT_EQ(gover::parse_version_file("system\n", "g")->pins[0].kind, Kind::system);
}

TEST(VersionFile, EmptyOrCommentOnlyIsAnError) {
    for (const char* text : {"", "\n\n", "# only a comment\n", "\xEF\xBB\xBF\r\n"}) {
        auto r = gover::parse_version_file(text, "/p/.go-version");
        ASSERT_FALSE(r) << text;
        EXPECT_EQ(r.error().code, ErrorCode::bad_pin);
        EXPECT_EQ(r.error().message, "/p/.go-version:1: holds no Go version");
    }
}

TEST(VersionFile, InvalidOrBinaryIsAnError) {
    auto r = gover::parse_version_file("\n1.22.5-bigcorp\n", "/h/global");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message.rfind("/h/global:2: ", 0), 0u) << r.error().message;
    r = gover::parse_version_file(std::string("1.22\0.5", 7), "/h/global");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "/h/global:1: binary data, not a version file");
}

// --- go.mod / go.work (cmd/go) -----------------------------------------------------------------

TEST(ModuleFile, GoLineIsAMinimumRelease) {
    const auto r = module_req("module example.com/app\n\ngo 1.22\n\nrequire x.y/z v1.0.0\n");
    EXPECT_EQ(r.from, ModuleRequirement::From::go);
    EXPECT_EQ(r.line, 3);
    EXPECT_EQ(r.minimum.str(), "1.22.0"); // "go 1.22" means 1.22.0
    EXPECT_EQ(module_req("go 1.21.3\n").minimum.str(), "1.21.3");
    EXPECT_EQ(module_req("go 1.20\n").minimum.str(), "1.20"); // the go1.20 release
    EXPECT_EQ(module_req("go 1.21rc1\n").minimum.str(), "1.21rc1");
}

TEST(ModuleFile, ToolchainLineWinsOverGoLine) {
    auto r = module_req("module m\ngo 1.21.0\ntoolchain go1.22.5\n");
    EXPECT_EQ(r.from, ModuleRequirement::From::toolchain);
    EXPECT_EQ(r.line, 3);
    EXPECT_EQ(r.minimum.str(), "1.22.5");
    EXPECT_EQ(module_req("go 1.21.0\ntoolchain go1.21.0-bigcorp\n").minimum.str(), "1.21.0");
    // `toolchain default` is no toolchain line; one below the go line cannot lower it.
    EXPECT_EQ(module_req("go 1.22.1\ntoolchain default\n").from, ModuleRequirement::From::go);
    r = module_req("go 1.23.0\ntoolchain go1.22.5\n");
    EXPECT_EQ(r.minimum.str(), "1.23.0");
    EXPECT_EQ(r.line, 1);
}

TEST(ModuleFile, LexesLikeCmdGo) {
    EXPECT_EQ(module_req("// go 1.30.0\nmodule m // go 1.29\ngo 1.21.0 // minimum\n").line, 3);
    EXPECT_EQ(module_req("go 1.22//comment glued on\n").minimum.str(), "1.22.0");
    EXPECT_EQ(module_req("module m\r\n\r\ngo 1.22.3\r\n").minimum.str(), "1.22.3");
    EXPECT_EQ(module_req("\tgo\t1.22.3\n").minimum.str(), "1.22.3");
    // A `go` line inside another directive's block is that directive's, not the go version.
    auto r = module_req("require (\n\tgo 1.99.0\n\tx.y/z v1.0.0\n)\ngo 1.21.0\n");
    EXPECT_EQ(r.minimum.str(), "1.21.0");
    EXPECT_EQ(r.line, 5);
    // Block syntax for go itself is legal, if odd.
    EXPECT_EQ(module_req("go (\n\t1.22.1\n)\n").minimum.str(), "1.22.1");
    // Quoted strings may hold // and ( without starting a comment or a block.
    EXPECT_EQ(module_req("replace \"a//b(\" => ./x\ngo 1.22.2\n").line, 2);
}

TEST(ModuleFile, NoVersionLine) {
    const auto r = module_req("module m\n");
    EXPECT_EQ(r.from, ModuleRequirement::From::implied); // cmd/go assumes go 1.16
    EXPECT_EQ(r.minimum.str(), "1.16");
    EXPECT_EQ(r.line, 0);
    auto work =
        gover::parse_module_file("use ./a\nuse ./b\n", "/p/go.work", ModuleFileKind::go_work);
    ASSERT_TRUE(work);
    EXPECT_FALSE(work->has_value());
    EXPECT_EQ(module_req("go 1.22.4\nuse ./a\n", ModuleFileKind::go_work).minimum.str(), "1.22.4");
}

TEST(ModuleFile, InvalidLinesAreErrorsAtTheirLine) {
    struct Case {
        const char* text;
        const char* message;
    };
    const Case cases[] = {
        {"module m\ngo 1.22.x\n",
         "/p/go.mod:2: invalid go version '1.22.x': must look like 1.22 or 1.22.0"},
        {"go go1.22\n", "/p/go.mod:1: invalid go version 'go1.22': must look like 1.22 or 1.22.0"},
        {"go 1\n", "/p/go.mod:1: invalid go version '1': must look like 1.22 or 1.22.0"},
        {"go 01.22\n", "/p/go.mod:1: invalid go version '01.22': must look like 1.22 or 1.22.0"},
        {"go 1.22 1.23\n", "/p/go.mod:1: the go line needs exactly one version"},
        {"go\n", "/p/go.mod:1: the go line needs exactly one version"},
        {"go 1.21.0\ngo 1.22.0\n", "/p/go.mod:2: repeated go line (the first is line 1)"},
        {"go 1.21.0\ntoolchain 1.22.5\n",
         "/p/go.mod:2: invalid toolchain '1.22.5': must look like go1.22.0"},
        {"toolchain go1.22.5\ntoolchain go1.22.6\n",
         "/p/go.mod:2: repeated toolchain line (the first is line 1)"},
        // A language version at the length limit has no release (1.N.0 would pass it); found
        // by fuzz_module_file.
        {"go 555527777776.155555555555555555555555555555555555155555555575555\n",
         "/p/go.mod:1: invalid go version "
         "'555527777776.155555555555555555555555555555555555155555555575555': must look like "
         "1.22 or 1.22.0"},
        {"toolchain go1.22222222222222222222222222222222222222222222222222222222222222\n",
         "/p/go.mod:1: invalid toolchain "
         "'go1.22222222222222222222222222222222222222222222222222222222222222': must look like "
         "go1.22.0"},
    };
    for (const auto& c : cases) {
        const auto e = module_error(c.text);
        EXPECT_EQ(e.code, ErrorCode::bad_pin) << c.text;
        EXPECT_EQ(e.message, c.message) << c.text;
    }
    EXPECT_EQ(module_error(std::string("module m\n\0go", 12)).message,
              "/p/go.mod:2: binary data, not a Go module file");
}

// --- pin_in_tool_versions (gover use) ---------------------------------------------------------

TEST(PinInToolVersions, AppendsGolangLine) {
    EXPECT_EQ(gover::pin_in_tool_versions("", "1.22.5"), "golang 1.22.5\n");
    EXPECT_EQ(gover::pin_in_tool_versions("nodejs 20\n", "1.22.5"), "nodejs 20\ngolang 1.22.5\n");
    EXPECT_EQ(gover::pin_in_tool_versions("nodejs 20", "1.22.5"), "nodejs 20\ngolang 1.22.5\n");
    EXPECT_EQ(gover::pin_in_tool_versions("nodejs 20\r\npython 3", "1.22.5"),
              "nodejs 20\r\npython 3\r\ngolang 1.22.5\r\n");
    EXPECT_EQ(gover::pin_in_tool_versions("# golang 1.0\n", "1.22.5"),
              "# golang 1.0\ngolang 1.22.5\n");
    EXPECT_EQ(gover::pin_in_tool_versions("\xEF\xBB\xBF", "1.22.5"), "\xEF\xBB\xBFgolang 1.22.5\n");
    // A file cut after the CR of its last CRLF (found by fuzzing).
    EXPECT_EQ(gover::pin_in_tool_versions("\r\n\r", "1.22.5"), "\r\n\r\ngolang 1.22.5\r\n");
    EXPECT_EQ(gover::pin_in_tool_versions("a 1\r\nb 2\r", "1.22.5"),
              "a 1\r\nb 2\r\ngolang 1.22.5\r\n");
}

TEST(PinInToolVersions, RewritesTheLineInPlaceKeepingEveryOtherByte) {
    EXPECT_EQ(gover::pin_in_tool_versions("nodejs 20\ngo 1.21.0 1.20\npython 3\n", "1.22.5"),
              "nodejs 20\ngo 1.22.5\npython 3\n");
    EXPECT_EQ(gover::pin_in_tool_versions("a 1\r\ngolang 1.21.0\r\nb  2\t# x", "1.22.5"),
              "a 1\r\ngolang 1.22.5\r\nb  2\t# x");
    EXPECT_EQ(gover::pin_in_tool_versions("golang 1.21.0 1.20.0 # for CI\n", "1.22.5"),
              "golang 1.22.5 # for CI\n");
    EXPECT_EQ(gover::pin_in_tool_versions("\xEF\xBB\xBFgolang 1.21.0\n", "1.22.5"),
              "\xEF\xBB\xBFgolang 1.22.5\n");
    EXPECT_EQ(gover::pin_in_tool_versions("  golang\t1.21.0\n", "1.22.5"), "  golang 1.22.5\n");
    EXPECT_EQ(gover::pin_in_tool_versions("golang\n", "1.22.5"), "golang 1.22.5\n");
    // Only the line asdf reads changes: a second golang line stays as it was.
    EXPECT_EQ(gover::pin_in_tool_versions("golang 1.20\ngolang 1.19\n", "1.22.5"),
              "golang 1.22.5\ngolang 1.19\n");
}

TEST(PinInToolVersions, ResultReadsBackAsThePin) {
    for (const char* text :
         {"", "x 1", "a 1\r\ngo 1.2 1.3\r\n", "\xEF\xBB\xBF# c\n\tgolang 1.0 #c"}) {
        const std::string out = gover::pin_in_tool_versions(text, "1.23.4");
        const auto line = tool_line(out);
        EXPECT_EQ(line.words, std::vector<std::string>{"1.23.4"}) << text;
    }
}

// --- read_regular_file -------------------------------------------------------------------------

TEST(ReadRegularFile, ReadsAndBounds) {
    gover::test::TempDir tmp;
    write_file(tmp / "f", "golang 1.22.5\n");
    auto r = gover::read_regular_file((tmp / "f").string(), 1024);
    ASSERT_TRUE(r && *r);
    EXPECT_EQ(**r, "golang 1.22.5\n");

    write_file(tmp / "exact", std::string(gover::k_max_pin_file_bytes, 'x'));
    r = gover::read_regular_file((tmp / "exact").string(), gover::k_max_pin_file_bytes);
    ASSERT_TRUE(r && *r);
    EXPECT_EQ((*r)->size(), gover::k_max_pin_file_bytes);

    write_file(tmp / "big", std::string(10 * 1024 * 1024, '1'));
    r = gover::read_regular_file((tmp / "big").string(), gover::k_max_pin_file_bytes);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message,
              (tmp / "big").string() + " is larger than 64 KiB: not a version file");
}

TEST(ReadRegularFile, NothingToReadIsNotAnError) {
    gover::test::TempDir tmp;
    std::filesystem::create_directory(tmp / "dir");
    ASSERT_EQ(::mkfifo((tmp / "fifo").c_str(), 0644), 0);
    std::filesystem::create_symlink(tmp / "nowhere", tmp / "dangling");
    std::filesystem::create_symlink("/dev/zero", tmp / "device");
    write_file(tmp / "file", "x");
    for (const char* name : {"missing", "dir", "fifo", "dangling", "device", "file/below"}) {
        auto r = gover::read_regular_file((tmp / name).string(), 1024);
        ASSERT_TRUE(r) << name << ": " << r.error().message;
        EXPECT_FALSE(r->has_value()) << name;
    }
    // Longer than PATH_MAX: nothing can be there for us.
    std::string too_long = "/";
    too_long.append(5000, 'a'); // not "/" + std::string(...): GCC 12 warns falsely (-Wrestrict)
    auto r = gover::read_regular_file(too_long, 1024);
    ASSERT_TRUE(r);
    EXPECT_FALSE(r->has_value());
}

TEST(ReadRegularFile, SymlinkLoopIsAnErrorNamingThePath) {
    gover::test::TempDir tmp;
    std::filesystem::create_symlink(tmp / "b", tmp / "a");
    std::filesystem::create_symlink(tmp / "a", tmp / "b");
    auto r = gover::read_regular_file((tmp / "a").string(), 1024);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::io);
    EXPECT_EQ(r.error().message.rfind("cannot read " + (tmp / "a").string() + ": ", 0), 0u);
}

TEST(ReadRegularFile, UnreadableIsAnErrorNamingThePath) {
    if (::geteuid() == 0) {
        GTEST_SKIP() << "root reads files whatever their mode";
    }
    gover::test::TempDir tmp;
    write_file(tmp / "secret", "golang 1.22.5\n");
    ::chmod((tmp / "secret").c_str(), 0);
    auto r = gover::read_regular_file((tmp / "secret").string(), 1024);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message,
              "cannot read " + (tmp / "secret").string() + ": Permission denied");
}
