// Copying a toolchain tree into staging (import/tree_copy.hpp): a module cache's tree hashed as
// its zip was (the go.mod copies Go made left out), hard links for read-only files, symlinks;
// and one import through the installer's transaction (import/importer.hpp) with a fake database.
#include "gover/import/tree_copy.hpp"

#include <filesystem>
#include <map>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include "core/installed.hpp"
#include "gover/base/sha256.hpp"
#include "gover/import/importer.hpp"
#include "gover/store/install_meta.hpp"
#include "gover/sumdb/module_hash.hpp"
#include "support/binary_headers.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace gover {
namespace {

constexpr const char* k_mv = "v0.0.1-go1.22.5.linux-amd64";
const std::string k_prefix = std::string("golang.org/toolchain@") + k_mv + "/";

std::string sha_of(const std::string& bytes) {
    Sha256 h;
    h.update(std::string_view(bytes));
    return h.finish();
}

std::string read_all(const fs::path& p) {
    auto f = std::fopen(p.c_str(), "rb");
    std::string out;
    char buf[4096];
    for (std::size_t n; f && (n = std::fread(buf, 1, sizeof buf, f)) > 0;) {
        out.append(buf, n);
    }
    if (f) {
        std::fclose(f);
    }
    return out;
}

// The files of a toolchain module zip, by path below the prefix.
const std::map<std::string, std::string> k_zip_files = {
    {"VERSION", "go1.22.5\ntime 2024-01-01T00:00:00Z\n"},
    {"bin/go", "#!/bin/sh\necho go version go1.22.5 linux/amd64\n"},
    {"pkg/tool/linux_amd64/vet", "#!/bin/sh\n"},
    {"src/_go.mod", "module std\n"},
    {"src/cmd/_go.mod", "module cmd\n"},
    {"src/fmt/print.go", "package fmt\n"},
};

std::string zip_h1() {
    sumdb::ModuleHash1 h;
    for (const auto& [rel, content] : k_zip_files) {
        EXPECT_TRUE(h.add(k_prefix + rel, sha_of(content)));
    }
    return h.finish();
}

// The tree as Go 1.21+ leaves it in the module cache: 0444 files (bin/ and pkg/tool/ made
// 0555 when Go first ran it), a go.mod copy beside each _go.mod, read-only directories.
fs::path module_cache_tree(const fs::path& cache, bool go_ran = true) {
    const fs::path root = cache / "golang.org" / ("toolchain@" + std::string(k_mv));
    for (const auto& [rel, content] : k_zip_files) {
        test::write_file(root / rel, content);
        const bool exec = go_ran && (rel.starts_with("bin/") || rel.starts_with("pkg/tool/"));
        fs::permissions(root / rel, exec ? fs::perms(0555) : fs::perms(0444));
    }
    test::write_file(root / "src/go.mod", "module std\n");
    test::write_file(root / "src/cmd/go.mod", "module cmd\n");
    fs::permissions(root / "src/go.mod", fs::perms(0444));
    return root;
}

void make_writable(const fs::path& root) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
        if (!it->is_symlink()) {
            fs::permissions(it->path(), fs::perms::owner_write, fs::perm_options::add, ec);
        }
    }
}

// Makes a sealed tree removable again when the test ends, whatever happened.
struct Unseal {
    fs::path root;
    ~Unseal() { make_writable(root); }
};

void seal(const fs::path& root) {
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        if (e.is_directory() && !e.is_symlink()) {
            fs::permissions(e.path(), fs::perms(0555));
        }
    }
}

TEST(ImportTreeCopy, AModuleCacheTreeHashesAsItsZipLessGoModCopies) {
    test::TempDir dir;
    const auto src = module_cache_tree(dir / "cache");
    // Someone changed Go's go.mod copy: not part of the module, so not hashed, not copied.
    fs::permissions(src / "src/cmd/go.mod", fs::perms(0644));
    test::write_file(src / "src/cmd/go.mod", "module evil\n");
    seal(src);
    const Unseal unseal{src};
    fs::create_directory(dir / "staging");
    auto copied = copy_toolchain_tree(src, dir / "staging", TreeCopyRules{k_prefix});
    ASSERT_TRUE(copied) << copied.error().message;
    EXPECT_EQ(copied->h1, zip_h1());
    EXPECT_EQ(read_all(dir / "staging/src/cmd/go.mod"), "module cmd\n"); // made from _go.mod
    EXPECT_EQ(read_all(dir / "staging/src/go.mod"), "module std\n");
    EXPECT_EQ(copied->manifest.size(), k_zip_files.size() + 2);
    struct stat st {};
    ASSERT_EQ(::stat((dir / "staging/bin/go").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0111, 0111u);
    // Read-only files are linked, not copied; the source is as it was.
    struct stat from {};
    ASSERT_EQ(::stat((src / "src/fmt/print.go").c_str(), &from), 0);
    ASSERT_EQ(::stat((dir / "staging/src/fmt/print.go").c_str(), &st), 0);
    EXPECT_EQ(st.st_ino, from.st_ino);
    EXPECT_EQ(from.st_mode & 0777, 0444u);
    EXPECT_GE(copied->linked, k_zip_files.size() - 1);
    EXPECT_EQ(read_all(src / "src/cmd/go.mod"), "module evil\n");
}

TEST(ImportTreeCopy, ExecutablesGoHasNotRunYetAreCopiedExecutableNotLinked) {
    test::TempDir dir;
    const auto src = module_cache_tree(dir / "cache", /*go_ran=*/false);
    fs::create_directory(dir / "staging");
    auto copied = copy_toolchain_tree(src, dir / "staging", TreeCopyRules{k_prefix});
    ASSERT_TRUE(copied) << copied.error().message;
    EXPECT_EQ(copied->h1, zip_h1());
    struct stat st {};
    ASSERT_EQ(::stat((dir / "staging/bin/go").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0755u);
    EXPECT_EQ(fs::status(src / "bin/go").permissions(), fs::perms(0444)); // untouched
}

TEST(ImportTreeCopy, OneChangedByteChangesTheHash) {
    test::TempDir dir;
    const auto src = module_cache_tree(dir / "cache");
    fs::permissions(src / "src/fmt/print.go", fs::perms(0644));
    test::write_file(src / "src/fmt/print.go", "package fmT\n");
    fs::create_directory(dir / "staging");
    auto copied = copy_toolchain_tree(src, dir / "staging", TreeCopyRules{k_prefix});
    ASSERT_TRUE(copied);
    EXPECT_NE(copied->h1, zip_h1());
}

TEST(ImportTreeCopy, ModuleRulesRefuseSymlinks) {
    test::TempDir dir;
    const auto src = module_cache_tree(dir / "cache");
    fs::create_symlink("print.go", src / "src/fmt/link.go");
    fs::create_directory(dir / "staging");
    auto copied = copy_toolchain_tree(src, dir / "staging", TreeCopyRules{k_prefix});
    ASSERT_FALSE(copied);
    EXPECT_EQ(copied.error().code, ErrorCode::archive);
    EXPECT_NE(copied.error().message.find("src/fmt/link.go is a symlink"), std::string::npos)
        << copied.error().message;
}

TEST(ImportTreeCopy, ATreeAsItIsLinksInsideKeptLinksOutsideFollowed) {
    test::TempDir dir;
    const fs::path src = dir / "go";
    test::write_file(src / "VERSION", "go1.21.0\n");
    test::write_file(src / "bin/go", "#!/bin/sh\n", true);
    test::write_file(dir / "share/src/fmt/print.go", "package fmt\n");
    fs::create_directory_symlink("../share/src", src / "src"); // Debian's layout
    fs::create_symlink("go", src / "bin/go2");
    test::write_file(src / "api/go1.txt", "pkg fmt\n");
    fs::create_directory(dir / "staging");
    auto copied = copy_toolchain_tree(src, dir / "staging", TreeCopyRules{});
    ASSERT_TRUE(copied) << copied.error().message;
    EXPECT_TRUE(copied->h1.empty());
    EXPECT_FALSE(fs::is_symlink(dir / "staging/src"));
    EXPECT_EQ(read_all(dir / "staging/src/fmt/print.go"), "package fmt\n");
    EXPECT_TRUE(fs::is_symlink(dir / "staging/bin/go2"));
    EXPECT_EQ(fs::read_symlink(dir / "staging/bin/go2"), "go");
    EXPECT_EQ(fs::status(dir / "staging/bin/go").permissions(), fs::perms(0755));
    // Writable files are copied: the store's copy never changes with the source.
    struct stat a {
    }, b{};
    ASSERT_EQ(::stat((src / "VERSION").c_str(), &a), 0);
    ASSERT_EQ(::stat((dir / "staging/VERSION").c_str(), &b), 0);
    EXPECT_NE(a.st_ino, b.st_ino);
    EXPECT_EQ(copied->linked, 0u);
    bool hashed_go = false;
    for (const auto& e : copied->manifest) {
        hashed_go = hashed_go || (e.path == "bin/go" && e.sha256 == sha_of("#!/bin/sh\n"));
    }
    EXPECT_TRUE(hashed_go);
}

TEST(ImportTreeCopy, LoopsBrokenLinksAndSpecialFilesAreRefused) {
    test::TempDir dir;
    const fs::path src = dir / "go";
    test::write_file(src / "VERSION", "go1.21.0\n");
    fs::create_directory_symlink(dir.path(), src / "loop");
    fs::create_directory(dir / "s1");
    auto copied = copy_toolchain_tree(src, dir / "s1", TreeCopyRules{});
    ASSERT_FALSE(copied);
    EXPECT_NE(copied.error().message.find("a loop"), std::string::npos) << copied.error().message;
    fs::remove(src / "loop");
    fs::create_symlink("/nonexistent/gover-test", src / "gone");
    fs::create_directory(dir / "s2");
    copied = copy_toolchain_tree(src, dir / "s2", TreeCopyRules{});
    ASSERT_FALSE(copied);
    EXPECT_NE(copied.error().message.find(src.string() + "/gone is a link to"), std::string::npos)
        << copied.error().message;
    fs::remove(src / "gone");
    ASSERT_EQ(::mkfifo((src / "fifo").c_str(), 0644), 0);
    fs::create_directory(dir / "s3");
    copied = copy_toolchain_tree(src, dir / "s3", TreeCopyRules{});
    ASSERT_FALSE(copied);
    EXPECT_EQ(copied.error().code, ErrorCode::archive);
    EXPECT_NE(copied.error().message.find("fifo is not a regular file"), std::string::npos);
}

// --- one import through the installer's transaction ---

struct ImportScene {
    test::TempDir dir;
    Layout layout{dir / "store"};
    std::string database_h1 = zip_h1();
    int proofs = 0;

    ImportSettings settings(bool dry_run = false) {
        ModuleProver prove = [this](const std::string& mv) -> Result<sumdb::SumdbLookup> {
            ++proofs;
            EXPECT_EQ(mv, k_mv);
            sumdb::SumdbLookup found;
            found.h1 = database_h1;
            found.database = "sum.example";
            found.tree_size = 42;
            found.root_hash = "cm9vdA==";
            return found;
        };
        return ImportSettings{Platform{"linux", "amd64"}, dry_run, prove, {}};
    }
};

TEST(Importer, AModuleCacheToolchainIsImportedVerified) {
    ImportScene scene;
    const auto src = module_cache_tree(scene.dir / "cache");
    Importer importer(scene.layout, scene.settings());
    const auto out = importer.import(candidate_for_path(src));
    ASSERT_FALSE(out.error) << out.error->message;
    EXPECT_EQ(out.action, "imported");
    EXPECT_TRUE(out.verified);
    EXPECT_EQ(out.version, "1.22.5");
    const auto v = *GoVersion::parse("1.22.5");
    EXPECT_TRUE(is_installed(scene.layout, v));
    auto meta = read_install_meta(scene.layout, v);
    ASSERT_TRUE(meta && *meta);
    EXPECT_EQ((*meta)->source, "import");
    EXPECT_TRUE((*meta)->verified);
    EXPECT_EQ((*meta)->imported_from, src.string());
    EXPECT_EQ((*meta)->h1, zip_h1());
    EXPECT_EQ((*meta)->module_version, k_mv);
    EXPECT_EQ((*meta)->sumdb_tree_size, 42);
    auto changes = verify_install(scene.layout, v);
    ASSERT_TRUE(changes);
    EXPECT_TRUE(changes->empty());
    EXPECT_EQ(importer.import(candidate_for_path(src)).action, "already installed");
    EXPECT_EQ(scene.proofs, 1);
}

TEST(Importer, AHashTheDatabaseContradictsImportsNothing) {
    ImportScene scene;
    const auto src = module_cache_tree(scene.dir / "cache");
    scene.database_h1 = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    Importer importer(scene.layout, scene.settings());
    const auto out = importer.import(candidate_for_path(src));
    ASSERT_TRUE(out.error);
    EXPECT_EQ(out.error->code, ErrorCode::checksum);
    EXPECT_FALSE(out.verified);
    EXPECT_TRUE(out.action.starts_with("skipped: checksum mismatch for golang.org/toolchain@"))
        << out.action;
    EXPECT_FALSE(is_installed(scene.layout, *GoVersion::parse("1.22.5")));
    EXPECT_TRUE(fs::is_empty(scene.layout.tmp_dir()));
    EXPECT_FALSE(fs::exists(scene.layout.meta_file(*GoVersion::parse("1.22.5"))));
}

TEST(Importer, ATreeIsImportedUnverifiedAndADryRunChangesNothing) {
    ImportScene scene;
    const fs::path src = scene.dir / "sdk/go1.21.0";
    test::write_file(src / "VERSION", "go1.21.0\n");
    test::write_file(src / "bin/go", "#!/bin/sh\n", true);
    Importer dry(scene.layout, scene.settings(true));
    const auto planned = dry.import(candidate_for_path(src));
    EXPECT_EQ(planned.action, "would import");
    EXPECT_FALSE(planned.verified);
    EXPECT_EQ(dry.import(candidate_for_path(src)).action, "already installed"); // planned above
    EXPECT_FALSE(fs::exists(scene.layout.home()));

    Importer importer(scene.layout, scene.settings());
    const auto out = importer.import(candidate_for_path(src));
    ASSERT_FALSE(out.error) << out.error->message;
    EXPECT_EQ(out.action, "imported");
    EXPECT_FALSE(out.verified);
    auto meta = read_install_meta(scene.layout, *GoVersion::parse("1.21.0"));
    ASSERT_TRUE(meta && *meta);
    EXPECT_FALSE((*meta)->verified);
    EXPECT_EQ((*meta)->imported_from, src.string());
    EXPECT_TRUE((*meta)->h1.empty());
    EXPECT_EQ(scene.proofs, 0);
}

TEST(Importer, TreesThatAreNotToolchainsForThisMachineAreSkippedWithTheReason) {
    ImportScene scene;
    Importer importer(scene.layout, scene.settings());
    EXPECT_EQ(importer.import(candidate_for_path(scene.dir / "nothing")).action,
              "skipped: no such directory");
    const fs::path arm = scene.dir / "arm";
    test::write_file(arm / "VERSION", "go1.22.0\n");
    test::write_file(arm / "bin/go", test::elf_binary(test::k_elf_aarch64), true);
    const auto out = importer.import(candidate_for_path(arm));
    EXPECT_EQ(out.action, "skipped: bin/go is for linux/arm64, not this machine's linux/amd64");
    EXPECT_EQ(out.version, "");
    EXPECT_FALSE(out.error);
    // A module-cache directory whose VERSION disagrees with its name.
    const auto src = module_cache_tree(scene.dir / "cache");
    fs::permissions(src / "VERSION", fs::perms(0644));
    test::write_file(src / "VERSION", "go1.22.4\n");
    EXPECT_EQ(importer.import(candidate_for_path(src)).action,
              "skipped: VERSION names go1.22.4, not go1.22.5 as the directory's name says");
    EXPECT_FALSE(fs::exists(scene.layout.versions_dir() / "1.22.0"));
}

} // namespace
} // namespace gover
