#pragma once
// HTTPS transfers with libcurl (kept out of this header). README "How it works": only https (and
// file:// for a file mirror; http only with GOVER_INSECURE=1), on the first request and every
// redirect; TLS trust from the system or SSL_CERT_FILE / CURL_CA_BUNDLE, handed to libcurl by
// gover; proxies from the usual variables; a connect timeout and a low-speed abort, no total
// timeout.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "core/environment.hpp"
#include "core/error.hpp"

namespace gover {

// Settings read once from the environment: GOVER_INSECURE, SSL_CERT_FILE, CURL_CA_BUNDLE and
// knobs that let tests run fast: GOVER_CONNECT_TIMEOUT, GOVER_LOW_SPEED_LIMIT (bytes/s) and
// GOVER_LOW_SPEED_TIME (seconds), GOVER_RETRY_BACKOFF (total seconds of back-off, e.g. 0.1).
// Invalid knob values are ignored. Proxies are libcurl's own (https_proxy, no_proxy, ...).
struct TransferSettings {
    bool allow_http = false; // GOVER_INSECURE=1
    std::string ca_file;     // SSL_CERT_FILE, else CURL_CA_BUNDLE; empty: system store
    long connect_timeout_seconds = 30;
    long low_speed_limit_bytes = 1024; // abort when slower than this ...
    long low_speed_time_seconds = 30;  // ... for this long (GOVER_LOW_SPEED_TIME overrides)
    int max_attempts = 3;              // transient failures only
    double backoff_total_seconds = 10; // spread over the retries
    int max_redirects = 10;
    // Credentials from a .netrc file (the module proxy source): netrc_file, else ~/.netrc.
    bool use_netrc = false;
    std::string netrc_file;

    static TransferSettings from_env(const EnvLookup& env);
    static TransferSettings from_environment() { return from_env(process_env()); }
};

// Checks a URL's scheme before any request: https always, file:// always, http only when
// settings.allow_http. Errors are ErrorCode::usage naming the URL and GOVER_INSECURE.
Status check_url_allowed(const std::string& url, const TransferSettings& settings);

// The local path of a file:// URL (percent-decoded; file://localhost/ accepted), or nullopt
// when url is not a local file URL.
std::optional<std::string> file_url_path(const std::string& url);

// A small document (the release index): GET with optional revalidation.
struct FetchRequest {
    std::string url;
    std::string if_none_match;     // ETag from a cached copy, or empty
    std::string if_modified_since; // Last-Modified from a cached copy, or empty
    std::size_t max_bytes = 64u << 20;
};
struct FetchResponse {
    bool not_modified = false; // 304: the cached copy is current
    std::string body;
    std::string etag;
    std::string last_modified;
};
// Retries transient failures (timeouts, resets, 5xx, 429) like download does.
Result<FetchResponse> fetch(const FetchRequest& request, const TransferSettings& settings);

// Where a download's bytes go. The downloader calls restart() when a resumed attempt gets the
// whole body again (the server ignored Range), so the sink must drop what it had.
class DownloadSink {
  public:
    virtual ~DownloadSink() = default;
    virtual Status write(std::span<const std::byte> bytes) = 0;
    virtual Status restart() = 0;
    virtual std::uint64_t bytes_written() const = 0; // where a resumed attempt starts
};

struct DownloadProgress {
    std::uint64_t received = 0;
    std::uint64_t total = 0; // 0 when unknown
};

// Streams url into sink, resuming with Range after a transient failure (at most
// settings.max_attempts in all). max_size (0 = unknown) caps the body: more is an error.
// progress may be empty; returning false from it cancels (ErrorCode::interrupted).
Status download(const std::string& url, std::uint64_t max_size, DownloadSink& sink,
                const TransferSettings& settings,
                const std::function<bool(const DownloadProgress&)>& progress = {});

} // namespace gover
