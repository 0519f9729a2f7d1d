#pragma once
// How the checksum database client reaches a database: "get this path under the database's
// URL". Tests feed bytes through their own implementation; gover uses HTTP (net/http.hpp).

#include <memory>
#include <string>

#include "core/error.hpp"
#include "gover/net/http.hpp"

namespace gover::sumdb {

class SumdbFetcher {
  public:
    virtual ~SumdbFetcher() = default;
    // The body at `path` (e.g. "lookup/golang.org/toolchain@v0.0.1-go1.22.5.linux-amd64" or
    // "tile/8/0/000.p/5"). A missing file (HTTP 404 or 410) must be ErrorCode::not_found;
    // other failures keep their codes and name the URL.
    virtual Result<std::string> get(const std::string& path) = 0;
    // The full URL of `path`, for messages.
    virtual std::string url_of(const std::string& path) const = 0;
};

// Fetches from `base_url` (e.g. https://sum.golang.org or <proxy>/sumdb/sum.golang.org) with
// gover's transfers: retries, proxies, TLS settings. http:// is allowed whatever
// GOVER_INSECURE says: every byte from a checksum database is proven before it is used.
std::unique_ptr<SumdbFetcher> make_http_fetcher(std::string base_url, TransferSettings settings);

} // namespace gover::sumdb
