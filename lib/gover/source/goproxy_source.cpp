#include "gover/source/goproxy_source.hpp"

#include <algorithm>
#include <chrono>
#include <map>

#include "core/regular_file.hpp"
#include "gover/base/atomic_file.hpp"
#include "gover/base/file_age.hpp"
#include "gover/base/sha256.hpp"
#include "gover/source/goproxy_fetch.hpp"
#include "gover/sumdb/verifier_key.hpp"

namespace gover {
namespace {

constexpr std::size_t k_max_list_bytes = 16u << 20;
constexpr auto k_list_fresh_for = std::chrono::minutes(10);
constexpr std::string_view k_module_version_prefix = "v0.0.1-go";

// cache/goproxy/<hash of GOPROXY>.list: one list per proxy setting, like the index per mirror.
std::filesystem::path list_cache(const Layout& layout, const std::string& goproxy) {
    Sha256 hash;
    hash.update(goproxy);
    return layout.cache_dir() / "goproxy" / (hash.finish().substr(0, 16) + ".list");
}

bool is_fresh(const std::filesystem::path& path) {
    const auto age = file_age(path);
    return age && *age >= std::chrono::seconds::zero() && *age < k_list_fresh_for;
}

std::optional<std::string> read_cached(const std::filesystem::path& path) {
    auto read = read_bounded_file(path.string(), k_max_list_bytes);
    if (!read || read->state != FileState::read) {
        return std::nullopt;
    }
    return std::move(read->text);
}

} // namespace

std::string toolchain_module_version(const GoVersion& version, const Platform& platform) {
    return std::string(k_module_version_prefix) + version.str() + "." + platform.str();
}

std::vector<AvailableRelease> releases_from_module_list(std::string_view list,
                                                        const std::optional<Platform>& platform) {
    std::map<GoVersion, AvailableRelease, std::greater<>> found;
    while (!list.empty()) {
        const auto nl = list.find('\n');
        std::string_view line = list.substr(0, nl);
        list = nl == std::string_view::npos ? std::string_view() : list.substr(nl + 1);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
            line.remove_suffix(1);
        }
        if (!line.starts_with(k_module_version_prefix)) {
            continue;
        }
        line.remove_prefix(k_module_version_prefix.size());
        const auto dot = line.rfind('.');
        if (dot == std::string_view::npos) {
            continue;
        }
        auto version = GoVersion::parse(line.substr(0, dot));
        auto parsed = Platform::parse(line.substr(dot + 1));
        if (!version || !parsed || version->str() != line.substr(0, dot)) {
            continue;
        }
        auto& release = found[*version];
        release.version = *version;
        const std::string name = version->str();
        release.stable =
            name.find("rc") == std::string::npos && name.find("beta") == std::string::npos;
        if ((!platform || *platform == *parsed) && !release.has(*parsed)) {
            release.platforms.push_back(*parsed);
        }
    }
    std::vector<AvailableRelease> out;
    for (auto& [version, release] : found) {
        std::sort(release.platforms.begin(), release.platforms.end(),
                  [](const Platform& a, const Platform& b) { return a.str() < b.str(); });
        out.push_back(std::move(release));
    }
    return out;
}

GoproxySource::GoproxySource(const Layout& layout, GoproxySettings settings,
                             TransferSettings transfer)
    : layout_(layout), settings_(std::move(settings)), transfer_(std::move(transfer)) {
    transfer_.use_netrc = true;
    transfer_.netrc_file = settings_.netrc;
}

std::string GoproxySource::location() const {
    return "GOPROXY=" + redact_url(settings_.goproxy);
}

Result<std::vector<ProxyEntry>> GoproxySource::entries() const {
    if (match_prefix_patterns(settings_.gonoproxy, k_toolchain_module)) {
        return std::vector<ProxyEntry>{ProxyEntry{"direct", false}}; // as cmd/go: no proxy
    }
    return parse_goproxy(settings_.goproxy);
}

Result<std::string> GoproxySource::module_list(const ListOptions& options) {
    if (list_) {
        return *list_;
    }
    const auto cache = list_cache(layout_, settings_.goproxy);
    if (options.cached_only || is_fresh(cache)) {
        auto cached = read_cached(cache);
        if (cached || options.cached_only) {
            return cached.value_or("");
        }
    }
    auto proxies = entries();
    if (!proxies) {
        return tl::unexpected(proxies.error());
    }
    std::string body;
    auto walked = walk_proxies(*proxies, std::string(k_toolchain_module) + "'s version list",
                               [&](const std::string& base) -> Status {
                                   TransferSettings settings = transfer_;
                                   settings.allow_http = true; // versions only: each is proven
                                   auto got = proxy_get(
                                       base + "/" + std::string(k_toolchain_module) + "/@v/list",
                                       settings, k_max_list_bytes);
                                   if (!got) {
                                       return tl::unexpected(got.error());
                                   }
                                   body = std::move(*got);
                                   return {};
                               });
    if (!walked) {
        if (walked.error().code == ErrorCode::network) {
            if (auto cached = read_cached(cache)) {
                if (options.notice) {
                    options.notice("using the cached toolchain list (the proxy cannot be reached)");
                }
                list_ = std::move(*cached);
                return *list_;
            }
        }
        return tl::unexpected(walked.error());
    }
    std::error_code ec;
    std::filesystem::create_directories(cache.parent_path(), ec);
    (void)write_file_atomically(cache, body); // the cache is disposable
    list_ = std::move(body);
    return *list_;
}

Result<std::vector<AvailableRelease>> GoproxySource::releases(const ListOptions& options) {
    auto list = module_list(options);
    if (!list) {
        return tl::unexpected(list.error());
    }
    return releases_from_module_list(*list, options.platform);
}

Result<sumdb::SumdbLookup> GoproxySource::prove(const std::string& module_version) const {
    auto proxies = entries();
    if (!proxies) {
        return tl::unexpected(proxies.error());
    }
    return prove_module(layout_, settings_.gosumdb, *proxies, transfer_, module_version);
}

Status GoproxySource::check_record(const GoVersion& version, const InstallMeta& record) {
    // Any record the database proved (an install through the proxy, a verified import).
    if (record.h1.empty() || record.module_version.empty()) {
        return {}; // another source's record: nothing the database can say about it
    }
    auto proven = prove(record.module_version);
    if (!proven) {
        return tl::unexpected(proven.error());
    }
    if (proven->h1 != record.h1) {
        return fail(ErrorCode::tampering,
                    "the checksum database " + proven->database + " now records " + proven->h1 +
                        " for " + std::string(k_toolchain_module) + "@" + record.module_version +
                        ", but the installed " + version.toolchain_name() +
                        " was verified against " + record.h1 + ": possible tampering",
                    "if the change is legitimate, run 'gover uninstall " + version.str() +
                        "' and install again");
    }
    return {};
}

Status GoproxySource::check_listed(const GoVersion& version, const Platform& platform) {
    auto listed = releases(ListOptions{});
    if (!listed) {
        return tl::unexpected(listed.error());
    }
    for (const auto& release : *listed) {
        if (release.version != version || release.has(platform)) {
            continue;
        }
        std::string names;
        for (const auto& p : release.platforms) {
            names += (names.empty() ? "" : ", ") + p.str();
        }
        return fail(ErrorCode::not_found,
                    "the module proxy has no " + version.toolchain_name() + " toolchain for " +
                        platform.str() + " (it has " + names + ")",
                    "check --platform: Go names platforms like linux-amd64 or darwin-arm64");
    }
    return {};
}

Result<std::unique_ptr<ToolchainFetch>> GoproxySource::toolchain(const GoVersion& version,
                                                                 const Platform& platform) {
    // Refused before any download: toolchains are installed only when the database proves them.
    if (auto spec = sumdb::parse_gosumdb(settings_.gosumdb); !spec) {
        return tl::unexpected(spec.error());
    }
    auto proxies = entries();
    if (!proxies) {
        return tl::unexpected(proxies.error());
    }
    if (auto ok = check_listed(version, platform); !ok) {
        return tl::unexpected(ok.error());
    }
    if (proxies->front().url == "off") {
        return fail(ErrorCode::usage,
                    "GOPROXY=off forbids downloading " + std::string(k_toolchain_module),
                    "set GOPROXY to a module proxy, e.g. https://proxy.golang.org");
    }
    return make_goproxy_fetch(layout_, settings_.gosumdb, std::move(*proxies), transfer_,
                              toolchain_module_version(version, platform));
}

} // namespace gover
