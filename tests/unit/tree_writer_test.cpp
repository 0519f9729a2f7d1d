#include "gover/archive/tree_writer.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include "support/read_back.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace gover {
namespace {

using test::mode_of;
using test::read_file;

std::span<const std::byte> bytes_of(std::string_view text) {
    return std::as_bytes(std::span(text.data(), text.size()));
}

// A staging root beside a directory the writer must never touch.
struct Staging {
    test::TempDir dir;
    fs::path root() const { return dir / "root"; }
    fs::path outside() const { return dir / "outside"; }
    std::unique_ptr<TreeWriter> writer;

    Staging() {
        fs::create_directories(root());
        fs::create_directories(outside());
        std::ofstream(outside() / "victim") << "untouched\n";
    }
    TreeWriter& open() {
        auto opened = TreeWriter::open(root());
        EXPECT_TRUE(opened) << opened.error().message;
        writer = std::move(*opened);
        return *writer;
    }
    Status file(std::string_view relative, std::string_view text, bool replace = false) {
        if (auto ok = writer->begin_file(relative, 0644, replace); !ok) {
            return ok;
        }
        if (auto ok = writer->write(bytes_of(text), 0); !ok) {
            return ok;
        }
        return writer->end_file(text.size());
    }
    void expect_outside_untouched() const {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(outside())) {
            names.push_back(e.path().filename().string());
        }
        EXPECT_EQ(names, std::vector<std::string>{"victim"});
        EXPECT_EQ(read_file(outside() / "victim"), "untouched\n");
    }
};

void expect_refused(const Status& status, const std::string& reason) {
    ASSERT_FALSE(status) << "accepted, expected: " << reason;
    EXPECT_EQ(status.error().code, ErrorCode::io);
    EXPECT_NE(status.error().message.find(reason), std::string::npos) << status.error().message;
}

TEST(TreeWriter, CreatesParentsFilesAndSymlinksWithExactModes) {
    Staging s;
    TreeWriter& w = s.open();
    const mode_t old_umask = ::umask(077); // the modes must not depend on it
    ASSERT_TRUE(w.begin_file("bin/go", 0755));
    ASSERT_TRUE(w.write(bytes_of("#!/bin/sh\n"), 0));
    ASSERT_TRUE(w.end_file(10));
    ASSERT_TRUE(s.file("src/net/http/server.go", "package http\n"));
    ASSERT_TRUE(s.file("src/fmt/print.go", "package fmt\n")); // back up the tree, then down
    ASSERT_TRUE(s.file("bin/gofmt", "x"));                    // and into one left before
    ASSERT_TRUE(w.make_directory("pkg/empty"));
    ASSERT_TRUE(w.make_directory("pkg")); // already there: fine
    ASSERT_TRUE(w.make_symlink("misc/go-link", "../bin/go"));
    ::umask(old_umask);
    EXPECT_EQ(read_file(s.root() / "bin/go"), "#!/bin/sh\n");
    EXPECT_EQ(mode_of(s.root() / "bin/go"), 0755u);
    EXPECT_EQ(mode_of(s.root() / "bin/gofmt"), 0644u);
    EXPECT_EQ(mode_of(s.root() / "src/net/http"), 0755u);
    EXPECT_EQ(mode_of(s.root() / "pkg/empty"), 0755u);
    EXPECT_EQ(read_file(s.root() / "src/net/http/server.go"), "package http\n");
    EXPECT_EQ(read_file(s.root() / "src/fmt/print.go"), "package fmt\n");
    EXPECT_EQ(fs::read_symlink(s.root() / "misc/go-link"), "../bin/go");
}

TEST(TreeWriter, HolesAtTheEndAreKept) {
    Staging s;
    TreeWriter& w = s.open();
    ASSERT_TRUE(w.begin_file("sparse", 0644));
    ASSERT_TRUE(w.write(bytes_of("ab"), 4));
    ASSERT_TRUE(w.end_file(10));
    EXPECT_EQ(read_file(s.root() / "sparse"), std::string("\0\0\0\0ab\0\0\0\0", 10));
}

TEST(TreeWriter, AnExistingSymlinkPointingOutsideIsNeverFollowed) {
    Staging s;
    fs::create_directory_symlink(s.outside(), s.root() / "bin");
    fs::create_symlink(s.outside() / "victim", s.root() / "VERSION");
    TreeWriter& w = s.open();
    expect_refused(s.file("bin/go", "evil"), "a symlink is in the way");
    expect_refused(w.make_directory("bin/sub"), "a symlink is in the way");
    expect_refused(w.make_directory("bin"), "a symlink is in the way");
    expect_refused(w.make_symlink("bin/l", "x"), "a symlink is in the way");
    expect_refused(s.file("VERSION", "evil"), "already exists");
    expect_refused(s.file("VERSION", "evil", true), "already exists"); // replaces files only
    s.expect_outside_untouched();
}

TEST(TreeWriter, AComponentThatIsASymlinkIsRefusedEvenPointingInside) {
    Staging s;
    fs::create_directories(s.root() / "real");
    fs::create_directory_symlink("real", s.root() / "alias");
    TreeWriter& w = s.open();
    expect_refused(s.file("alias/x", "data"), "a symlink is in the way");
    expect_refused(s.file("alias/deeper/x", "data"), "a symlink is in the way");
    EXPECT_TRUE(fs::is_empty(s.root() / "real"));
    ASSERT_TRUE(s.file("file", "data"));
    expect_refused(s.file("file/x", "data"), "other than a directory");
    (void)w;
}

TEST(TreeWriter, ADirectorySwappedForASymlinkMidwayDoesNotRedirectWrites) {
    Staging s;
    TreeWriter& w = s.open();
    ASSERT_TRUE(s.file("lib/a", "1"));
    // Someone renames the directory and puts a symlink to outside in its place: the writer
    // holds the directory itself open, so the next file lands beside lib/a, wherever it is now.
    fs::rename(s.root() / "lib", s.root() / "moved");
    fs::create_directory_symlink(s.outside(), s.root() / "lib");
    ASSERT_TRUE(s.file("lib/b", "2"));
    EXPECT_EQ(read_file(s.root() / "moved/b"), "2");
    s.expect_outside_untouched();
    // Once it has left lib/, it opens lib again without following the symlink.
    ASSERT_TRUE(s.file("top", "3"));
    expect_refused(s.file("lib/c", "4"), "a symlink is in the way");
    s.expect_outside_untouched();
    (void)w;
}

TEST(TreeWriter, ExistingEntriesAreNotOverwrittenUnlessAskedForFiles) {
    Staging s;
    TreeWriter& w = s.open();
    ASSERT_TRUE(s.file("f", "first"));
    expect_refused(s.file("f", "second"), "already exists");
    EXPECT_EQ(read_file(s.root() / "f"), "first");
    ASSERT_TRUE(s.file("f", "second", true));
    EXPECT_EQ(read_file(s.root() / "f"), "second");
    ASSERT_TRUE(w.make_directory("d"));
    expect_refused(s.file("d", "x", true), "already exists");
    expect_refused(w.make_symlink("f", "d"), "already exists");
    ASSERT_TRUE(w.make_symlink("l", "d"));
    expect_refused(w.make_symlink("l", "f"), "already exists");
    expect_refused(w.make_directory("f"), "other than a directory");
}

TEST(TreeWriter, NamesWithDotDotOrEmptyComponentsAreRefused) {
    Staging s;
    TreeWriter& w = s.open();
    for (const std::string_view bad :
         {"../victim", "a/../../victim", "..", ".", "", "a//b", "/x", "a/./b", "a/"}) {
        expect_refused(s.file(bad, "evil"), "cannot create");
        expect_refused(w.make_directory(bad), "cannot create");
        expect_refused(w.make_symlink(bad, "x"), "cannot create");
    }
    EXPECT_TRUE(fs::is_empty(s.root()));
    s.expect_outside_untouched();
}

TEST(TreeWriter, CopiesAFileItWrote) {
    Staging s;
    TreeWriter& w = s.open();
    ASSERT_TRUE(s.file("m/_go.mod", "module std\n"));
    ASSERT_TRUE(w.copy_file("m/_go.mod", "m/go.mod", 0644));
    EXPECT_EQ(read_file(s.root() / "m/go.mod"), "module std\n");
    expect_refused(w.copy_file("m/_go.mod", "m/go.mod", 0644), "already exists");
    expect_refused(w.copy_file("m/missing", "m/other", 0644), "No such file");
}

TEST(TreeWriter, AMissingRootIsAnErrorNamingIt) {
    test::TempDir dir;
    auto opened = TreeWriter::open(dir / "missing");
    ASSERT_FALSE(opened);
    EXPECT_NE(opened.error().message.find((dir / "missing").string()), std::string::npos);
}

} // namespace
} // namespace gover
