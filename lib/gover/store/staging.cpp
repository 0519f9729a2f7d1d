#include "gover/store/staging.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <random>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>
#include <vector>

#include "gover/store/store_lock.hpp"

namespace gover {
namespace fs = std::filesystem;
namespace {

std::string_view prefix_of(TmpKind kind) {
    switch (kind) {
    case TmpKind::install:
        return "install";
    case TmpKind::trash:
        return "trash";
    case TmpKind::meta:
        return "meta";
    }
    return "install";
}

std::string random_suffix() {
    static std::atomic<unsigned> counter{0};
    std::random_device device;
    const auto mixed = (static_cast<unsigned long long>(device()) << 16) ^
                       static_cast<unsigned long long>(
                           std::chrono::steady_clock::now().time_since_epoch().count()) ^
                       counter.fetch_add(1);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%012llx", mixed & 0xffffffffffffULL);
    return buffer;
}

// "install-1.22.5-123-abc" -> 1.22.5; nullopt for names gover did not make.
std::optional<GoVersion> version_of_tmp_name(const std::string& name) {
    for (TmpKind kind : {TmpKind::install, TmpKind::trash, TmpKind::meta}) {
        const std::string prefix = std::string(prefix_of(kind)) + "-";
        if (!name.starts_with(prefix)) {
            continue;
        }
        const std::string rest = name.substr(prefix.size());
        const auto dash = rest.find('-');
        if (dash == std::string::npos) {
            return std::nullopt;
        }
        auto version = GoVersion::parse(rest.substr(0, dash));
        if (!version || version->str() != rest.substr(0, dash)) {
            return std::nullopt;
        }
        return *version;
    }
    return std::nullopt;
}

} // namespace

fs::path tmp_path(const Layout& layout, TmpKind kind, const GoVersion& version) {
    return layout.tmp_dir() / (std::string(prefix_of(kind)) + "-" + version.str() + "-" +
                               std::to_string(::getpid()) + "-" + random_suffix());
}

Status remove_tree(const fs::path& path) {
    std::error_code ec;
    fs::remove_all(path, ec);
    if (ec) {
        return fail(ErrorCode::io, "cannot remove " + path.string() + ": " + ec.message());
    }
    return {};
}

Result<StagingDir> StagingDir::create(const Layout& layout, const GoVersion& version) {
    for (int attempt = 0; attempt < 10; ++attempt) {
        auto path = tmp_path(layout, TmpKind::install, version);
        if (::mkdir(path.c_str(), 0755) == 0) {
            return StagingDir(path);
        }
        if (errno != EEXIST) {
            return fail(ErrorCode::io,
                        "cannot create staging directory " + path.string() + ": " +
                            std::strerror(errno),
                        "check free space and permissions under " + layout.home().string());
        }
    }
    return fail(ErrorCode::io, "cannot find a free staging name in " + layout.tmp_dir().string());
}

StagingDir::~StagingDir() {
    if (!path_.empty()) {
        (void)remove_tree(path_);
    }
}

std::vector<fs::path> stale_tmp_entries(const Layout& layout,
                                        const std::optional<GoVersion>& held) {
    std::vector<std::pair<fs::path, GoVersion>> candidates;
    std::error_code ec;
    for (fs::directory_iterator it(layout.tmp_dir(), ec), end; !ec && it != end; it.increment(ec)) {
        if (auto version = version_of_tmp_name(it->path().filename().string())) {
            candidates.emplace_back(it->path(), *version);
        }
    }
    std::sort(candidates.begin(), candidates.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<fs::path> stale;
    for (const auto& [path, version] : candidates) {
        // Whoever made it holds this lock while working; a free lock means its maker is gone.
        if ((held && *held == version) ||
            StoreLock::acquire(layout, version.str(), StoreLock::Wait::try_only)) {
            stale.push_back(path);
        }
    }
    return stale;
}

void clean_stale_tmp(const Layout& layout, const std::optional<GoVersion>& held) {
    for (const auto& path : stale_tmp_entries(layout, held)) {
        (void)remove_tree(path);
    }
}

Status ensure_store_dirs(const Layout& layout) {
    for (const auto& dir :
         {layout.versions_dir(), layout.tmp_dir(), layout.meta_dir(), layout.locks_dir()}) {
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (ec) {
            return fail(ErrorCode::io, "cannot create " + dir.string() + ": " + ec.message(),
                        "check that " + layout.home().string() + " is writable");
        }
    }
    return {};
}

} // namespace gover
