#include "gover/source/goproxy_fetch.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include "gover/base/interrupt.hpp"
#include "gover/base/sha256.hpp"
#include "gover/source/goproxy_settings.hpp"
#include "gover/source/goproxy_zip.hpp"
#include "gover/store/staging.hpp"

namespace gover {
namespace {

constexpr std::size_t k_max_supported_bytes = 4096;

bool names_url(std::string_view gosumdb) {
    std::size_t words = 0;
    bool in_word = false;
    for (char c : gosumdb) {
        const bool space = c == ' ' || c == '\t';
        words += !space && !in_word ? 1 : 0;
        in_word = !space;
    }
    return words >= 2 || gosumdb == "sum.golang.google.cn";
}

// cmd/go's choice of the database URL when GOSUMDB names none: the first proxy that says it
// serves the database; 404 or 410 (and '|' after any error) try the next; direct, off or the
// end of the list mean the database's own address.
Result<std::string> database_url(const sumdb::DatabaseSpec& spec,
                                 const std::vector<ProxyEntry>& proxies,
                                 const TransferSettings& transfer) {
    for (const auto& entry : proxies) {
        if (entry.url == "direct" || entry.url == "off") {
            break;
        }
        const std::string base = entry.url + "/sumdb/" + spec.key.name;
        auto answer = proxy_get(base + "/supported", transfer, k_max_supported_bytes);
        if (answer) {
            return base;
        }
        if (answer.error().code == ErrorCode::interrupted) {
            return tl::unexpected(answer.error());
        }
        if (answer.error().code != ErrorCode::not_found && !entry.fall_back_on_error) {
            return fail(answer.error().code,
                        "cannot ask " + redact_url(entry.url) +
                            " whether it serves the checksum "
                            "database " +
                            spec.key.name + ": " + answer.error().message,
                        "check GOPROXY, or name the database's URL in GOSUMDB");
        }
    }
    return spec.url;
}

// The download's bytes go to a .part file (the zip's directory is at its end).
class PartFile final : public DownloadSink {
  public:
    explicit PartFile(std::filesystem::path path) : path_(std::move(path)) {}
    ~PartFile() override {
        close_fd();
        std::error_code ec;
        std::filesystem::remove(path_, ec);
    }
    Status open() {
        close_fd();
        fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
        written_ = 0;
        if (fd_ < 0) {
            return fail(ErrorCode::io,
                        "cannot create " + path_.string() + ": " + std::strerror(errno));
        }
        return {};
    }
    Status write(std::span<const std::byte> bytes) override {
        const char* p = reinterpret_cast<const char*>(bytes.data());
        std::size_t left = bytes.size();
        while (left > 0) {
            const ssize_t n = ::write(fd_, p, left);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n <= 0) {
                return fail(ErrorCode::io, "cannot write " + path_.string() + ": " +
                                               std::strerror(n < 0 ? errno : ENOSPC));
            }
            p += n;
            left -= static_cast<std::size_t>(n);
            written_ += static_cast<std::uint64_t>(n);
        }
        return {};
    }
    Status restart() override { return open(); }
    std::uint64_t bytes_written() const override { return written_; }
    Status finish() {
        const int fd = fd_;
        fd_ = -1;
        if (::close(fd) != 0) {
            return fail(ErrorCode::io,
                        "cannot write " + path_.string() + ": " + std::strerror(errno));
        }
        return {};
    }
    const std::filesystem::path& path() const { return path_; }

  private:
    void close_fd() {
        if (fd_ >= 0) {
            ::close(fd_);
            fd_ = -1;
        }
    }
    std::filesystem::path path_;
    int fd_ = -1;
    std::uint64_t written_ = 0;
};

class GoproxyToolchain final : public ToolchainFetch {
  public:
    GoproxyToolchain(const Layout& layout, std::string gosumdb, std::vector<ProxyEntry> proxies,
                     TransferSettings transfer, std::string module_version)
        : layout_(layout), gosumdb_(std::move(gosumdb)), proxies_(std::move(proxies)),
          transfer_(std::move(transfer)), module_version_(std::move(module_version)) {}

    std::string name() const override {
        return std::string(k_toolchain_module) + "@" + module_version_;
    }
    Result<Fetched> fetch_into(const std::filesystem::path& staging,
                               const FetchProgress& progress) override;

  private:
    Result<std::string> download_zip(PartFile& part, const FetchProgress& progress);

    const Layout& layout_;
    std::string gosumdb_;
    std::vector<ProxyEntry> proxies_;
    TransferSettings transfer_;
    std::string module_version_;
};

Result<std::string> GoproxyToolchain::download_zip(PartFile& part, const FetchProgress& progress) {
    const ModuleZipLimits limits;
    std::string served_by;
    auto walked = walk_proxies(proxies_, name(), [&](const std::string& base) -> Status {
        const std::string url =
            base + "/" + std::string(k_toolchain_module) + "/@v/" + module_version_ + ".zip";
        if (auto local = file_url_path(url)) {
            std::error_code ec;
            if (!std::filesystem::is_regular_file(*local, ec)) {
                return fail(ErrorCode::not_found, "no file " + *local);
            }
        }
        if (auto ok = part.open(); !ok) {
            return ok;
        }
        TransferSettings settings = transfer_;
        settings.allow_http = true; // every byte is proven by the checksum database
        auto done =
            download(url, limits.max_compressed, part, settings, [&](const DownloadProgress& p) {
                // SIGINT and SIGTERM stop the transfer (the .part file is removed).
                return !interrupted() && (!progress || progress(p.received, p.total));
            });
        if (!done) {
            Error error = done.error();
            if (is_missing_file_error(error)) {
                error.code = ErrorCode::not_found;
            }
            return tl::unexpected(error);
        }
        served_by = redact_url(url);
        return part.finish();
    });
    if (!walked) {
        return tl::unexpected(walked.error());
    }
    return served_by;
}

Result<Fetched> GoproxyToolchain::fetch_into(const std::filesystem::path& staging,
                                             const FetchProgress& progress) {
    auto proven = prove_module(layout_, gosumdb_, proxies_, transfer_, module_version_);
    if (!proven) {
        return tl::unexpected(proven.error());
    }
    PartFile part(staging.string() + ".zip.part");
    auto url = download_zip(part, progress);
    if (!url) {
        return tl::unexpected(url.error());
    }
    auto zip_sha = sha256_file(part.path());
    if (!zip_sha) {
        return tl::unexpected(zip_sha.error());
    }
    const std::string prefix = name() + "/";
    auto unpacked = unpack_module_zip(part.path(), prefix, staging, *url);
    if (!unpacked) {
        return tl::unexpected(unpacked.error());
    }
    if (unpacked->h1 != proven->h1) {
        return fail(ErrorCode::checksum,
                    "checksum mismatch for " + name() + " from " + *url +
                        ": the checksum "
                        "database " +
                        proven->database + " records " + proven->h1 + ", the zip hashes to " +
                        unpacked->h1,
                    "the proxy served a different zip than the one Go published; nothing was "
                    "installed");
    }
    std::error_code ec;
    Fetched out;
    out.bytes = std::filesystem::file_size(part.path(), ec);
    out.record.source = "goproxy";
    out.record.url = *url;
    out.record.sha256 = *zip_sha;
    out.record.size = out.bytes;
    out.record.manifest = std::move(unpacked->manifest);
    out.record.module_version = module_version_;
    out.record.h1 = unpacked->h1;
    out.record.sumdb_name = proven->database;
    out.record.sumdb_tree_size = proven->tree_size;
    out.record.sumdb_root_hash = proven->root_hash;
    return out;
}

} // namespace

Result<sumdb::SumdbLookup> prove_module(const Layout& layout, const std::string& gosumdb,
                                        const std::vector<ProxyEntry>& proxies,
                                        const TransferSettings& transfer,
                                        const std::string& module_version) {
    auto spec = sumdb::parse_gosumdb(gosumdb);
    if (!spec) {
        return tl::unexpected(spec.error());
    }
    auto url = names_url(gosumdb) ? Result<std::string>(spec->url)
                                  : database_url(*spec, proxies, transfer);
    if (!url) {
        return tl::unexpected(url.error());
    }
    auto dirs = sumdb::sumdb_dirs(layout.home(), spec->key.name);
    if (!dirs) {
        return tl::unexpected(dirs.error());
    }
    auto fetcher = sumdb::make_http_fetcher(*url, transfer);
    sumdb::SumdbClient client(spec->key, *fetcher, *dirs);
    auto found = client.lookup(k_toolchain_module, module_version);
    if (!found) {
        Error error = found.error();
        if (error.code == ErrorCode::not_found) {
            error.message = "the checksum database " + spec->key.name + " (" + redact_url(*url) +
                            ") has no record of " + std::string(k_toolchain_module) + "@" +
                            module_version;
            error.hint = "no such toolchain was published; nothing was installed";
        }
        return tl::unexpected(error);
    }
    return found;
}

std::unique_ptr<ToolchainFetch> make_goproxy_fetch(const Layout& layout, std::string gosumdb,
                                                   std::vector<ProxyEntry> proxies,
                                                   TransferSettings transfer,
                                                   std::string module_version) {
    return std::make_unique<GoproxyToolchain>(layout, std::move(gosumdb), std::move(proxies),
                                              std::move(transfer), std::move(module_version));
}

} // namespace gover
