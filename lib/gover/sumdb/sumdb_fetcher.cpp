#include "gover/sumdb/sumdb_fetcher.hpp"

#include <utility>

namespace gover::sumdb {
namespace {

// Lookups and tiles are small: a tile is 8 KiB, a lookup a few lines and a signed tree head.
constexpr std::size_t k_max_response_bytes = 1u << 20;

class HttpFetcher final : public SumdbFetcher {
  public:
    HttpFetcher(std::string base_url, TransferSettings settings)
        : base_url_(std::move(base_url)), settings_(std::move(settings)) {
        while (base_url_.ends_with('/')) {
            base_url_.pop_back();
        }
        settings_.allow_http = true;
    }

    Result<std::string> get(const std::string& path) override {
        FetchRequest request;
        request.url = url_of(path);
        request.max_bytes = k_max_response_bytes;
        auto response = fetch(request, settings_);
        if (!response) {
            return tl::unexpected(classify(std::move(response.error())));
        }
        return std::move(response->body);
    }

    std::string url_of(const std::string& path) const override { return base_url_ + "/" + path; }

  private:
    // net/http reports every HTTP status as a network error "cannot get <url>: HTTP <code> ...";
    // the database's "no such record or tile" is 404 or 410.
    static Error classify(Error error) {
        const bool missing = error.message.find(": HTTP 404") != std::string::npos ||
                             error.message.find(": HTTP 410") != std::string::npos;
        if (error.code == ErrorCode::network && missing) {
            error.code = ErrorCode::not_found;
            error.hint.clear();
        }
        return error;
    }

    std::string base_url_;
    TransferSettings settings_;
};

} // namespace

std::unique_ptr<SumdbFetcher> make_http_fetcher(std::string base_url, TransferSettings settings) {
    return std::make_unique<HttpFetcher>(std::move(base_url), std::move(settings));
}

} // namespace gover::sumdb
