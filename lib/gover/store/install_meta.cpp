#include "gover/store/install_meta.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <system_error>

#include <nlohmann/json.hpp>

#include "core/regular_file.hpp"
#include "gover/base/atomic_file.hpp"
#include "gover/base/sha256.hpp"
#include "gover/store/staging.hpp"

namespace gover {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {
// A record lists every file of a toolchain (~60 bytes each, ~15,000 files): far below this.
constexpr std::size_t k_max_install_meta_bytes = std::size_t(64) << 20;
} // namespace

std::string meta_to_json(const InstallMeta& meta) {
    // One manifest entry a line: readable, diffable, and ~60 bytes an entry for 15,000 files.
    json head = {
        {"version", meta.version},   {"source", meta.source},
        {"url", meta.url},           {"sha256", meta.sha256},
        {"size", meta.size},         {"installed_at", meta.installed_at},
        {"platform", meta.platform}, {"platform_override", meta.platform_override},
    };
    if (!meta.h1.empty()) {
        head["module_version"] = meta.module_version;
        head["h1"] = meta.h1;
        head["sumdb_name"] = meta.sumdb_name;
        head["sumdb_tree_size"] = meta.sumdb_tree_size;
        head["sumdb_root_hash"] = meta.sumdb_root_hash;
    }
    if (!meta.imported_from.empty() || !meta.verified) {
        head["imported_from"] = meta.imported_from;
        head["verified"] = meta.verified;
    }
    std::string out = "{\n";
    for (const auto& [key, value] : head.items()) {
        out += "  " + json(key).dump() + ": " + value.dump() + ",\n";
    }
    out += "  \"files\": [";
    bool first = true;
    for (const auto& entry : meta.manifest) {
        json item = {{"path", entry.path}};
        if (entry.kind == ManifestEntry::Kind::symlink) {
            item["symlink"] = entry.target;
        } else {
            item["size"] = entry.size;
            if (!entry.sha256.empty()) {
                item["sha256"] = entry.sha256;
            }
        }
        out += (first ? "\n    " : ",\n    ") + item.dump();
        first = false;
    }
    out += first ? "]\n}\n" : "\n  ]\n}\n";
    return out;
}

Result<InstallMeta> meta_from_json(const std::string& text, const std::string& source) {
    auto bad = [&](const std::string& why) {
        return fail(ErrorCode::io, "cannot read install record " + source + ": " + why,
                    "reinstall the version with 'gover install --force'");
    };
    const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object()) {
        return bad("not JSON");
    }
    InstallMeta meta;
    try {
        meta.version = doc.at("version").get<std::string>();
        meta.source = doc.value("source", "mirror");
        meta.url = doc.value("url", "");
        meta.sha256 = doc.at("sha256").get<std::string>();
        meta.size = doc.value("size", std::uint64_t{0});
        meta.installed_at = doc.value("installed_at", "");
        meta.platform = doc.value("platform", "");
        meta.platform_override = doc.value("platform_override", false);
        meta.module_version = doc.value("module_version", "");
        meta.h1 = doc.value("h1", "");
        meta.sumdb_name = doc.value("sumdb_name", "");
        meta.sumdb_tree_size = doc.value("sumdb_tree_size", std::int64_t{0});
        meta.sumdb_root_hash = doc.value("sumdb_root_hash", "");
        meta.imported_from = doc.value("imported_from", "");
        meta.verified = doc.value("verified", true);
        for (const auto& item : doc.value("files", json::array())) {
            ManifestEntry entry;
            entry.path = item.at("path").get<std::string>();
            if (item.contains("symlink")) {
                entry.kind = ManifestEntry::Kind::symlink;
                entry.target = item.at("symlink").get<std::string>();
            } else {
                entry.size = item.at("size").get<std::uint64_t>();
                entry.sha256 = item.value("sha256", "");
            }
            meta.manifest.push_back(std::move(entry));
        }
    } catch (const json::exception& e) {
        return bad(e.what());
    }
    return meta;
}

Status write_install_meta(const Layout& layout, const GoVersion& version, const InstallMeta& meta) {
    // The temp file lives in tmp/ under its meta-<v>-... name, so a crash leaves something
    // clean_stale_tmp knows; the writer keeps the first error (ENOSPC), whatever cleanup does.
    AtomicFileOptions options;
    options.temp = tmp_path(layout, TmpKind::meta, version);
    return write_file_atomically(layout.meta_file(version), meta_to_json(meta), options);
}

Result<std::optional<InstallMeta>> read_install_meta(const Layout& layout,
                                                     const GoVersion& version) {
    const fs::path path = layout.meta_file(version);
    auto file = read_bounded_file(path.string(), k_max_install_meta_bytes);
    if (!file) {
        return tl::unexpected(file.error());
    }
    if (file->state == FileState::absent) {
        return std::optional<InstallMeta>{};
    }
    if (file->state != FileState::read) {
        return fail(
            ErrorCode::io,
            "cannot read install record " + path.string() + ": " +
                (file->state == FileState::too_large
                     ? "larger than " + std::to_string(k_max_install_meta_bytes >> 20) + " MiB"
                     : std::string("not a regular file")),
            "reinstall the version with 'gover install --force'");
    }
    auto meta = meta_from_json(file->text, path.string());
    if (!meta) {
        return tl::unexpected(meta.error());
    }
    return std::optional<InstallMeta>(std::move(*meta));
}

Status remove_install_meta(const Layout& layout, const GoVersion& version) {
    std::error_code ec;
    fs::remove(layout.meta_file(version), ec);
    if (ec) {
        return fail(ErrorCode::io,
                    "cannot remove " + layout.meta_file(version).string() + ": " + ec.message());
    }
    return {};
}

Result<std::vector<StoreChange>> verify_install(const Layout& layout, const GoVersion& version) {
    auto meta = read_install_meta(layout, version);
    if (!meta) {
        return tl::unexpected(meta.error());
    }
    if (!*meta) {
        return fail(ErrorCode::not_found,
                    "no install record for " + version.str() + " (" +
                        layout.meta_file(version).string() + ")",
                    "reinstall it with 'gover install --force " + version.str() + "'");
    }
    const fs::path root = layout.version_dir(version);
    std::vector<StoreChange> changes;
    for (const auto& entry : (*meta)->manifest) {
        const fs::path path = root / entry.path;
        std::error_code ec;
        const auto status = fs::symlink_status(path, ec);
        if (ec || !fs::exists(status)) {
            changes.push_back({entry.path, StoreChange::Kind::missing, "missing"});
            continue;
        }
        if (entry.kind == ManifestEntry::Kind::symlink) {
            if (!fs::is_symlink(status)) {
                changes.push_back({entry.path, StoreChange::Kind::type, "no longer a symlink"});
            } else if (fs::read_symlink(path, ec).string() != entry.target) {
                changes.push_back({entry.path, StoreChange::Kind::target,
                                   "points somewhere else than " + entry.target});
            }
            continue;
        }
        if (!fs::is_regular_file(status)) {
            changes.push_back({entry.path, StoreChange::Kind::type, "no longer a regular file"});
            continue;
        }
        const auto size = fs::file_size(path, ec);
        if (ec || size != entry.size) {
            changes.push_back({entry.path, StoreChange::Kind::size,
                               "expected " + std::to_string(entry.size) + " bytes, found " +
                                   std::to_string(ec ? 0 : size)});
            continue;
        }
        if (!entry.sha256.empty()) {
            auto digest = sha256_file(path);
            if (!digest || *digest != entry.sha256) {
                changes.push_back({entry.path, StoreChange::Kind::content,
                                   "content changed (sha256 " +
                                       (digest ? *digest : std::string("unreadable")) + ")"});
            }
        }
    }
    return changes;
}

std::string utc_now_rfc3339() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

} // namespace gover
