#include "gover/net/http.hpp"

#include <chrono>
#include <cstdlib>
#include <string_view>
#include <thread>

#include "gover/base/interrupt.hpp"
#include "gover/net/http_transfer.hpp"
#include "gover/net/retry_policy.hpp"

namespace gover {
namespace {

using detail::AttemptRequest;
using detail::AttemptResult;
using detail::Outcome;
using detail::ResponseStart;

// A variable that is set and not empty.
std::optional<std::string> non_empty(const EnvLookup& env, const char* name) {
    auto value = env(name);
    return value && !value->empty() ? value : std::nullopt;
}

// A positive whole number from the environment, else the default (the knobs are for tests).
long env_long(const EnvLookup& env, const char* name, long fallback) {
    const auto value = non_empty(env, name);
    if (!value) {
        return fallback;
    }
    char* end = nullptr;
    const long parsed = std::strtol(value->c_str(), &end, 10);
    return (end && *end == '\0' && parsed > 0) ? parsed : fallback;
}

double env_seconds(const EnvLookup& env, const char* name, double fallback) {
    const auto value = non_empty(env, name);
    if (!value) {
        return fallback;
    }
    char* end = nullptr;
    const double parsed = std::strtod(value->c_str(), &end);
    return (end && *end == '\0' && parsed >= 0 && parsed <= 3600) ? parsed : fallback;
}

std::string lower_scheme(const std::string& url) {
    const auto end = url.find("://");
    if (end == std::string::npos) {
        return {};
    }
    std::string scheme = url.substr(0, end);
    for (char& c : scheme) {
        c = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    }
    return scheme;
}

// Sleeps, but asks `keep_going` every 100 ms so Ctrl-C is not held up by a back-off.
bool pause(std::chrono::milliseconds total, const std::function<bool()>& keep_going) {
    const auto deadline = std::chrono::steady_clock::now() + total;
    while (std::chrono::steady_clock::now() < deadline) {
        if (keep_going && !keep_going()) {
            return false;
        }
        const auto left = deadline - std::chrono::steady_clock::now();
        std::this_thread::sleep_for(
            std::min<std::chrono::steady_clock::duration>(left, std::chrono::milliseconds(100)));
    }
    return !keep_going || keep_going();
}

Error with_attempts(Error error, int attempts) {
    if (attempts > 1) {
        error.message += " (after " + std::to_string(attempts) + " attempts)";
    }
    return error;
}

// Runs attempts until one succeeds, one fails for good, or the attempts run out.
// before_attempt prepares each request (a resumed download asks for a Range).
// after_failure may turn a failure into a transient one (a resume the server cannot serve).
template <class Prepare, class AfterFailure>
Result<AttemptResult> with_retries(const TransferSettings& settings, Prepare before_attempt,
                                   AfterFailure after_failure, detail::AttemptHandler& handler,
                                   const std::function<bool()>& keep_going) {
    const int attempts = settings.max_attempts > 0 ? settings.max_attempts : 1;
    std::chrono::milliseconds waited{0};
    for (int attempt = 1;; ++attempt) {
        const AttemptRequest request = before_attempt();
        AttemptResult result = detail::run_attempt(request, settings, handler);
        if (result.outcome != Outcome::ok) {
            after_failure(request, result);
        }
        if (result.outcome == Outcome::ok) {
            return result;
        }
        // A server that asks for more time than the back-off has left would refuse an earlier
        // retry too: give up now, saying when it asked to come back.
        if (result.outcome == Outcome::permanent || attempt >= attempts ||
            result.error.code == ErrorCode::interrupted ||
            detail::retry_after_beyond_budget(result.retry_after, waited, settings)) {
            if (result.retry_after && *result.retry_after > 0 && result.error.hint.empty() &&
                result.outcome == Outcome::transient) {
                result.error.hint = "the mirror asks to retry in " +
                                    std::to_string(static_cast<long>(*result.retry_after)) +
                                    " s; try again then";
            }
            return tl::unexpected(with_attempts(std::move(result.error), attempt));
        }
        const auto pause_for =
            detail::retry_pause(attempt + 1, result.retry_after, waited, settings);
        waited += pause_for;
        if (!pause(pause_for, keep_going)) {
            return fail(ErrorCode::interrupted,
                        "interrupted while waiting to retry " + request.url);
        }
    }
}

class FetchHandler : public detail::AttemptHandler {
  public:
    explicit FetchHandler(const FetchRequest& request) : request_(request) {}
    Status on_start(const ResponseStart& start) override {
        body_.clear();
        if (request_.max_bytes > 0 && start.content_length > 0 &&
            static_cast<std::uint64_t>(start.content_length) > request_.max_bytes) {
            return too_big();
        }
        return {};
    }
    Status on_data(std::span<const std::byte> bytes) override {
        if (request_.max_bytes > 0 && body_.size() + bytes.size() > request_.max_bytes) {
            return too_big();
        }
        body_.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
        return {};
    }
    // A recorded SIGINT/SIGTERM (interrupt.hpp; only where the command installed the handlers)
    // stops a slow index fetch at once instead of after it.
    bool on_progress(std::uint64_t, std::uint64_t) override { return !interrupted(); }
    std::string take_body() { return std::move(body_); }

  private:
    Status too_big() const {
        return fail(ErrorCode::network,
                    request_.url + " is larger than " + std::to_string(request_.max_bytes) +
                        " bytes",
                    "check that GOVER_MIRROR points at a Go release mirror");
    }
    const FetchRequest& request_;
    std::string body_;
};

class DownloadHandler : public detail::AttemptHandler {
  public:
    DownloadHandler(const std::string& url, std::uint64_t max_size, DownloadSink& sink,
                    const std::function<bool(const DownloadProgress&)>& progress)
        : url_(url), max_size_(max_size), sink_(sink), progress_(progress) {}

    // Where this attempt starts: what the sink already holds.
    void begin_attempt(std::uint64_t offset) {
        offset_ = offset;
        base_ = offset;
    }

    Status on_start(const ResponseStart& start) override {
        if (offset_ > 0) {
            if (start.status == 206 || start.status == 0) {
                if (start.range_start >= 0 &&
                    static_cast<std::uint64_t>(start.range_start) != offset_) {
                    return fail(ErrorCode::network,
                                "cannot get " + url_ + ": asked to resume at byte " +
                                    std::to_string(offset_) + ", the server sent bytes from " +
                                    std::to_string(start.range_start));
                }
            } else {
                // The server ignored Range and sends everything again.
                if (auto ok = sink_.restart(); !ok) {
                    return ok;
                }
                base_ = 0;
            }
        }
        if (max_size_ > 0 && start.content_length >= 0 &&
            base_ + static_cast<std::uint64_t>(start.content_length) > max_size_) {
            return too_big(base_ + static_cast<std::uint64_t>(start.content_length));
        }
        return {};
    }

    Status on_data(std::span<const std::byte> bytes) override {
        const std::uint64_t after = sink_.bytes_written() + bytes.size();
        if (max_size_ > 0 && after > max_size_) {
            return too_big(after);
        }
        return sink_.write(bytes);
    }

    bool on_progress(std::uint64_t now, std::uint64_t total) override {
        if (!progress_) {
            return true;
        }
        return progress_({base_ + now, total > 0 ? base_ + total : max_size_});
    }

    bool still_wanted() const {
        return !progress_ || progress_({sink_.bytes_written(), max_size_});
    }

  private:
    Status too_big(std::uint64_t bytes) const {
        return fail(ErrorCode::checksum,
                    url_ + " is larger than the index says (" + std::to_string(bytes) +
                        " bytes or more, expected " + std::to_string(max_size_) + ")",
                    "the mirror may serve a different file: check GOVER_MIRROR");
    }

    const std::string& url_;
    std::uint64_t max_size_;
    DownloadSink& sink_;
    const std::function<bool(const DownloadProgress&)>& progress_;
    std::uint64_t offset_ = 0;
    std::uint64_t base_ = 0;
};

} // namespace

TransferSettings TransferSettings::from_env(const EnvLookup& env) {
    TransferSettings settings;
    settings.allow_http = non_empty(env, "GOVER_INSECURE") == "1";
    if (auto file = non_empty(env, "SSL_CERT_FILE")) {
        settings.ca_file = std::move(*file);
    } else if (auto bundle = non_empty(env, "CURL_CA_BUNDLE")) {
        settings.ca_file = std::move(*bundle);
    }
    settings.connect_timeout_seconds =
        env_long(env, "GOVER_CONNECT_TIMEOUT", settings.connect_timeout_seconds);
    settings.low_speed_limit_bytes =
        env_long(env, "GOVER_LOW_SPEED_LIMIT", settings.low_speed_limit_bytes);
    settings.low_speed_time_seconds =
        env_long(env, "GOVER_LOW_SPEED_TIME", settings.low_speed_time_seconds);
    settings.backoff_total_seconds =
        env_seconds(env, "GOVER_RETRY_BACKOFF", settings.backoff_total_seconds);
    return settings;
}

Status check_url_allowed(const std::string& url, const TransferSettings& settings) {
    const std::string scheme = lower_scheme(url);
    if (scheme == "https" || scheme == "file") {
        return {};
    }
    if (scheme == "http") {
        if (settings.allow_http) {
            return {};
        }
        return fail(ErrorCode::usage, "refusing to fetch " + url + " over plain http",
                    "use an https mirror, or set GOVER_INSECURE=1 to allow http for a local one");
    }
    return fail(ErrorCode::usage, "unsupported URL " + url,
                "GOVER_MIRROR must be an https:// URL, or file:// for a local directory");
}

std::optional<std::string> file_url_path(const std::string& url) {
    if (lower_scheme(url) != "file") {
        return std::nullopt;
    }
    std::string_view rest = std::string_view(url).substr(7);
    if (rest.starts_with("localhost/")) {
        rest.remove_prefix(9);
    }
    if (!rest.starts_with('/')) {
        return std::nullopt; // file://host/... names another machine
    }
    std::string path;
    for (std::size_t i = 0; i < rest.size(); ++i) {
        auto hex = [](char c) -> int {
            if (c >= '0' && c <= '9') {
                return c - '0';
            }
            if (c >= 'a' && c <= 'f') {
                return c - 'a' + 10;
            }
            if (c >= 'A' && c <= 'F') {
                return c - 'A' + 10;
            }
            return -1;
        };
        if (rest[i] == '%' && i + 2 < rest.size() && hex(rest[i + 1]) >= 0 &&
            hex(rest[i + 2]) >= 0) {
            const char decoded = static_cast<char>(hex(rest[i + 1]) * 16 + hex(rest[i + 2]));
            if (decoded == '\0') {
                return std::nullopt;
            }
            path += decoded;
            i += 2;
        } else {
            path += rest[i];
        }
    }
    return path;
}

Result<FetchResponse> fetch(const FetchRequest& request, const TransferSettings& settings) {
    if (auto ok = check_url_allowed(request.url, settings); !ok) {
        return tl::unexpected(ok.error());
    }
    AttemptRequest attempt;
    attempt.url = request.url;
    attempt.accept_encoding = true;
    if (!request.if_none_match.empty()) {
        attempt.headers.push_back("If-None-Match: " + request.if_none_match);
    }
    if (!request.if_modified_since.empty()) {
        attempt.headers.push_back("If-Modified-Since: " + request.if_modified_since);
    }
    FetchHandler handler(request);
    auto result = with_retries(
        settings, [&] { return attempt; }, [](const AttemptRequest&, AttemptResult&) {}, handler,
        [] { return !interrupted(); });
    if (!result) {
        if (result.error().code == ErrorCode::interrupted) {
            return fail(ErrorCode::interrupted,
                        "interrupted while fetching " + request.url + "; nothing was changed");
        }
        return tl::unexpected(result.error());
    }
    FetchResponse response;
    response.not_modified = result->status == 304;
    if (!response.not_modified) {
        response.body = handler.take_body();
    }
    response.etag = result->etag;
    response.last_modified = result->last_modified;
    return response;
}

Status download(const std::string& url, std::uint64_t max_size, DownloadSink& sink,
                const TransferSettings& settings,
                const std::function<bool(const DownloadProgress&)>& progress) {
    if (auto ok = check_url_allowed(url, settings); !ok) {
        return ok;
    }
    DownloadHandler handler(url, max_size, sink, progress);
    auto prepare = [&] {
        AttemptRequest attempt;
        attempt.url = url;
        attempt.resume_from = sink.bytes_written();
        handler.begin_attempt(attempt.resume_from);
        return attempt;
    };
    // 416 after a failed attempt: the range cannot be served (the file changed?): start over.
    auto after_failure = [&](const AttemptRequest& request, AttemptResult& result) {
        if (result.status == 416 && request.resume_from > 0 &&
            result.error.code == ErrorCode::network) {
            if (auto ok = sink.restart(); ok) {
                result.outcome = Outcome::transient;
            }
        }
    };
    auto result = with_retries(settings, prepare, after_failure, handler,
                               [&] { return handler.still_wanted(); });
    if (!result) {
        return tl::unexpected(result.error());
    }
    return {};
}

} // namespace gover
