#include "gover/net/http_transfer.hpp"

#include <charconv>
#include <ctime>
#include <memory>
#include <optional>
#include <string_view>

#include "core/text_lines.hpp"
#include "gover/net/curl_loader.hpp"
#include "gover/net/retry_policy.hpp"
#include "gover/net/user_agent.hpp"

namespace gover::detail {
namespace {

AttemptResult failure(Error error) {
    AttemptResult result;
    result.outcome = Outcome::permanent;
    result.error = std::move(error);
    return result;
}

// Owners for libcurl handles; the library is loaded on first use (curl_loader.hpp).
struct EasyDeleter {
    const CurlApi* api = nullptr;
    void operator()(CURL* handle) const { api->easy_cleanup(handle); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;

struct SlistDeleter {
    const CurlApi* api = nullptr;
    void operator()(curl_slist* list) const { api->slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

#ifdef CURL_WRITEFUNC_ERROR
constexpr std::size_t k_write_error = CURL_WRITEFUNC_ERROR;
#else
constexpr std::size_t k_write_error = 0xFFFFFFFF;
#endif

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i])) {
            return false;
        }
    }
    return true;
}

// Everything the callbacks share during one attempt.
struct AttemptState {
    const CurlApi* api = nullptr;
    CURL* easy = nullptr;
    AttemptHandler* handler = nullptr;
    const AttemptRequest* request = nullptr;
    bool is_file = false;
    bool started = false;
    std::optional<Error> abort_error; // why a callback stopped the transfer
    Outcome abort_outcome = Outcome::permanent;
    long status = 0;
    std::string reason; // the status line's reason phrase, if any
    std::string etag;
    std::string last_modified;
    std::string retry_after; // the raw header value, read only for a transient status
    std::int64_t range_start = -1;
};

std::string status_text(long status, const std::string& reason) {
    std::string text = "HTTP " + std::to_string(status);
    if (!reason.empty()) {
        text += " " + reason;
    }
    return text;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto& state = *static_cast<AttemptState*>(user);
    const std::size_t length = size * count;
    const std::string_view line(data, length);
    if (line.starts_with("HTTP/")) {
        // A new response (after a redirect or a 100): forget the previous one's headers.
        state.etag.clear();
        state.last_modified.clear();
        state.range_start = -1;
        state.reason.clear();
        state.retry_after.clear();
        std::string_view rest = line.substr(
            line.find(' ') == std::string_view::npos ? line.size() : line.find(' ') + 1);
        long code = 0;
        auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), code);
        if (ec == std::errc()) {
            state.status = code;
            state.reason =
                std::string(detail::trim_line(std::string_view(end, rest.data() + rest.size())));
        }
        return length;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) {
        return length;
    }
    const std::string_view name = detail::trim_line(line.substr(0, colon));
    const std::string_view value = detail::trim_line(line.substr(colon + 1));
    if (iequals(name, "etag")) {
        state.etag = std::string(value);
    } else if (iequals(name, "last-modified")) {
        state.last_modified = std::string(value);
    } else if (iequals(name, "retry-after")) {
        state.retry_after = std::string(value);
    } else if (iequals(name, "content-range") && value.starts_with("bytes ")) {
        const std::string_view range = value.substr(6);
        std::int64_t start = -1;
        if (std::from_chars(range.data(), range.data() + range.size(), start).ec == std::errc()) {
            state.range_start = start;
        }
    }
    return length;
}

Error status_error(const AttemptState& state, long status) {
    return Error{ErrorCode::network,
                 "cannot get " + state.request->url + ": " + status_text(status, state.reason),
                 status == 404 ? "check that GOVER_MIRROR serves this file" : ""};
}

std::size_t on_write(char* data, std::size_t size, std::size_t count, void* user) {
    auto& state = *static_cast<AttemptState*>(user);
    const std::size_t length = size * count;
    if (!state.started) {
        state.started = true;
        long status = 0;
        state.api->easy_getinfo(state.easy, CURLINFO_RESPONSE_CODE, &status);
        if (!state.is_file && (status < 200 || status > 299)) {
            state.abort_error = status_error(state, status);
            state.abort_outcome =
                is_transient_status(status) ? Outcome::transient : Outcome::permanent;
            return k_write_error;
        }
        curl_off_t content_length = -1;
        state.api->easy_getinfo(state.easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &content_length);
        ResponseStart start{status, static_cast<std::int64_t>(content_length), state.range_start};
        if (state.is_file && state.request->resume_from > 0) {
            start.range_start = static_cast<std::int64_t>(state.request->resume_from);
        }
        if (auto ok = state.handler->on_start(start); !ok) {
            state.abort_error = ok.error();
            return k_write_error;
        }
    }
    if (auto ok = state.handler->on_data(std::as_bytes(std::span(data, length))); !ok) {
        state.abort_error = ok.error();
        return k_write_error;
    }
    return length;
}

int on_progress(void* user, curl_off_t dltotal, curl_off_t dlnow, curl_off_t, curl_off_t) {
    auto& state = *static_cast<AttemptState*>(user);
    if (!state.handler->on_progress(static_cast<std::uint64_t>(dlnow),
                                    static_cast<std::uint64_t>(dltotal))) {
        state.abort_error = Error{ErrorCode::interrupted, "interrupted", ""};
        return 1;
    }
    return 0;
}

bool is_file_url(std::string_view url) {
    return url.size() >= 7 && iequals(url.substr(0, 7), "file://");
}

bool is_http_url(std::string_view url) {
    return url.size() >= 7 && iequals(url.substr(0, 7), "http://");
}

// Turns a libcurl failure into one line naming the URL and the cause, and says whether another
// attempt could help (timeouts, resets and truncation do; TLS, DNS, 4xx and redirects do not).
AttemptResult classify(CURLcode code, const char* errbuf, const AttemptState& state,
                       const TransferSettings& settings) {
    const std::string& url = state.request->url;
    std::string detail = errbuf[0] ? errbuf : state.api->easy_strerror(code);
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == '\r')) {
        detail.pop_back();
    }
    AttemptResult result;
    result.outcome = Outcome::permanent;
    auto set = [&](const std::string& cause, std::string hint = {}) {
        result.error =
            Error{ErrorCode::network, "cannot get " + url + ": " + cause, std::move(hint)};
    };
    switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL: {
        long redirects = 0;
        state.api->easy_getinfo(state.easy, CURLINFO_REDIRECT_COUNT, &redirects);
        char* effective = nullptr;
        state.api->easy_getinfo(state.easy, CURLINFO_EFFECTIVE_URL, &effective);
        if (redirects > 0 || (effective && url != effective)) {
            set(std::string("redirect to ") + (effective ? effective : "another protocol") +
                    " refused (gover never leaves https)",
                "fix the mirror's redirect, or set GOVER_MIRROR to its https address");
        } else {
            set("unsupported protocol (" + detail + ")");
        }
        break;
    }
    case CURLE_TOO_MANY_REDIRECTS:
        set("too many redirects (more than " + std::to_string(settings.max_redirects) + ")",
            "check the mirror for a redirect loop");
        break;
    case CURLE_PEER_FAILED_VERIFICATION:
        set("TLS certificate verify failed (" + detail + ")",
            "set SSL_CERT_FILE to a CA bundle that trusts the mirror; in use now: " +
                (settings.ca_file.empty() ? std::string("the system's trust store")
                                          : settings.ca_file));
        break;
    case CURLE_SSL_CACERT_BADFILE:
        set("cannot use the CA file " + settings.ca_file + " (" + detail + ")",
            "point SSL_CERT_FILE or CURL_CA_BUNDLE at a readable PEM file");
        break;
    case CURLE_SSL_CONNECT_ERROR:
        set("TLS handshake failed (" + detail + ")");
        break;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
        set("cannot connect (" + detail + ")",
            "check the network, https_proxy/no_proxy and GOVER_MIRROR");
        break;
    case CURLE_OPERATION_TIMEDOUT:
        result.outcome = Outcome::transient;
        set("timed out (" + detail + ")", "check the network or try again later");
        break;
    case CURLE_PARTIAL_FILE:
        result.outcome = Outcome::transient;
        set("truncated transfer (" + detail + ")", "try again later");
        break;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        result.outcome = Outcome::transient;
        set("connection lost (" + detail + ")", "try again later");
        break;
    case CURLE_FILE_COULDNT_READ_FILE:
        set("cannot read the file (" + detail + ")",
            "check the path in GOVER_MIRROR and that the file exists");
        break;
    default:
        set(detail);
        break;
    }
    return result;
}

} // namespace

bool is_transient_status(long status) {
    return status == 429 || (status >= 500 && status <= 599);
}

namespace {

// Collects the first option libcurl refused among those that keep gover safe: a libcurl that
// rejects one is not used.
class RequiredOptions {
  public:
    void operator()(CURLcode code, const char* option) {
        if (code != CURLE_OK && refused_.empty()) {
            refused_ = option;
        }
    }
    const std::string& refused() const { return refused_; }

  private:
    std::string refused_;
};

// Which protocols the transfer and its redirects may use, and the CA file.
void set_security_options(const CurlApi* api, CURL* h, const AttemptRequest& request,
                          const TransferSettings& settings, bool is_file, RequiredOptions& must) {
    // README "How it works": https only, for the first request and every redirect; file:// for a
    // local mirror; http only when the user opted in with GOVER_INSECURE=1, and even then a
    // redirect never leaves https: only an http URL may redirect to http. libcurl before 7.85 knows
    // only the bitmask form.
    const bool http_ok = settings.allow_http;
    const bool http_redirect_ok = http_ok && is_http_url(request.url);
    const char* protocols = is_file ? "file" : (http_ok ? "https,http" : "https");
    const char* redirect_protocols = http_redirect_ok ? "https,http" : "https";
    const long https_bits = CURLPROTO_HTTPS | (http_ok ? CURLPROTO_HTTP : 0);
    const long redirect_bits = CURLPROTO_HTTPS | (http_redirect_ok ? CURLPROTO_HTTP : 0);
    if (api->easy_setopt(h, CURLOPT_PROTOCOLS_STR, protocols) != CURLE_OK) {
        must(api->easy_setopt(h, CURLOPT_PROTOCOLS, is_file ? long(CURLPROTO_FILE) : https_bits),
             "CURLOPT_PROTOCOLS");
    }
    if (api->easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, redirect_protocols) != CURLE_OK) {
        must(api->easy_setopt(h, CURLOPT_REDIR_PROTOCOLS, redirect_bits),
             "CURLOPT_REDIR_PROTOCOLS");
    }
    must(api->easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L), "CURLOPT_FOLLOWLOCATION");
    must(api->easy_setopt(h, CURLOPT_MAXREDIRS, static_cast<long>(settings.max_redirects)),
         "CURLOPT_MAXREDIRS");
    // Debian's libcurl ignores SSL_CERT_FILE and CURL_CA_BUNDLE: hand the file over ourselves.
    if (!settings.ca_file.empty() && !is_file) {
        must(api->easy_setopt(h, CURLOPT_CAINFO, settings.ca_file.c_str()), "CURLOPT_CAINFO");
        api->easy_setopt(h, CURLOPT_PROXY_CAINFO, settings.ca_file.c_str());
    }
}

// Timeouts, Range, headers and the callbacks that feed `state`.
Status set_request_options(const CurlApi* api, CURL* h, const AttemptRequest& request,
                           const TransferSettings& settings, AttemptState& state, Slist& headers,
                           const std::string& range, RequiredOptions& must) {
    // A stalled transfer is abandoned, a slow one is not: no CURLOPT_TIMEOUT.
    api->easy_setopt(h, CURLOPT_CONNECTTIMEOUT, settings.connect_timeout_seconds);
    api->easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, settings.low_speed_limit_bytes);
    api->easy_setopt(h, CURLOPT_LOW_SPEED_TIME, settings.low_speed_time_seconds);
    if (request.accept_encoding) {
        api->easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
    }
    if (request.resume_from > 0) {
        must(api->easy_setopt(h, CURLOPT_RANGE, range.c_str()), "CURLOPT_RANGE");
    }
    for (const auto& header : request.headers) {
        curl_slist* grown = api->slist_append(headers.get(), header.c_str());
        if (!grown) {
            return fail(ErrorCode::internal, "out of memory");
        }
        (void)headers.release(); // the same list, one entry longer
        headers.reset(grown);
    }
    if (headers) {
        must(api->easy_setopt(h, CURLOPT_HTTPHEADER, headers.get()), "CURLOPT_HTTPHEADER");
    }
    if (settings.use_netrc && !request.url.starts_with("file:")) {
        // Credentials for a module proxy, as cmd/go reads them: $NETRC, else ~/.netrc.
        must(api->easy_setopt(h, CURLOPT_NETRC, long(CURL_NETRC_OPTIONAL)), "CURLOPT_NETRC");
        if (!settings.netrc_file.empty()) {
            must(api->easy_setopt(h, CURLOPT_NETRC_FILE, settings.netrc_file.c_str()),
                 "CURLOPT_NETRC_FILE");
        }
    }
    must(api->easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header), "CURLOPT_HEADERFUNCTION");
    api->easy_setopt(h, CURLOPT_HEADERDATA, &state);
    must(api->easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write), "CURLOPT_WRITEFUNCTION");
    api->easy_setopt(h, CURLOPT_WRITEDATA, &state);
    must(api->easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress), "CURLOPT_XFERINFOFUNCTION");
    api->easy_setopt(h, CURLOPT_XFERINFODATA, &state);
    api->easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    return {};
}

// What the finished transfer amounts to: the handler's abort, libcurl's error, the HTTP status,
// or success with the validators.
AttemptResult finish_attempt(const CurlApi* api, CURL* h, CURLcode code, const char* errbuf,
                             AttemptState& state, const TransferSettings& settings,
                             AttemptHandler& handler) {
    AttemptResult result;
    api->easy_getinfo(h, CURLINFO_RESPONSE_CODE, &result.status);
    // A server that is busy (503) or rate-limiting (429) may say when to come back.
    if ((result.status == 429 || result.status == 503) && !state.retry_after.empty()) {
        result.retry_after = parse_retry_after(state.retry_after, std::time(nullptr));
    }
    if (state.abort_error) {
        result.outcome = state.abort_outcome;
        result.error = *state.abort_error;
        return result;
    }
    if (code != CURLE_OK) {
        AttemptResult failed = classify(code, errbuf, state, settings);
        failed.status = result.status;
        failed.retry_after = result.retry_after;
        return failed;
    }
    const bool ok_status =
        state.is_file || result.status == 304 || (result.status >= 200 && result.status <= 299);
    if (!ok_status) {
        result.outcome =
            is_transient_status(result.status) ? Outcome::transient : Outcome::permanent;
        result.error = status_error(state, result.status);
        return result;
    }
    if (!state.started && result.status != 304) {
        // An empty body: the handler still has to learn the response began.
        curl_off_t content_length = -1;
        api->easy_getinfo(h, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &content_length);
        if (auto ok = handler.on_start(
                {result.status, static_cast<std::int64_t>(content_length), state.range_start});
            !ok) {
            result.outcome = Outcome::permanent;
            result.error = ok.error();
            return result;
        }
    }
    result.outcome = Outcome::ok;
    result.etag = state.etag;
    result.last_modified = state.last_modified;
    return result;
}

} // namespace

AttemptResult run_attempt(const AttemptRequest& request, const TransferSettings& settings,
                          AttemptHandler& handler) {
    std::string load_error;
    const CurlApi* api = curl_api(&load_error);
    if (!api) {
        return failure(
            Error{ErrorCode::network,
                  "cannot get " + request.url + ": cannot load libcurl (" + load_error + ")",
                  "install libcurl (Debian/Ubuntu: apt-get install libcurl4)"});
    }
    EasyHandle easy(api->easy_init(), EasyDeleter{api});
    if (!easy) {
        return failure(Error{ErrorCode::internal, "cannot start libcurl", ""});
    }
    CURL* h = easy.get();
    AttemptState state;
    state.api = api;
    state.easy = h;
    state.handler = &handler;
    state.request = &request;
    state.is_file = is_file_url(request.url);

    RequiredOptions must;
    char errbuf[CURL_ERROR_SIZE] = {};
    const std::string agent = user_agent();
    must(api->easy_setopt(h, CURLOPT_URL, request.url.c_str()), "CURLOPT_URL");
    api->easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    api->easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    api->easy_setopt(h, CURLOPT_USERAGENT, agent.c_str());
    set_security_options(api, h, request, settings, state.is_file, must);
    Slist headers(nullptr, SlistDeleter{api});
    const std::string range = std::to_string(request.resume_from) + "-";
    if (auto ok = set_request_options(api, h, request, settings, state, headers, range, must);
        !ok) {
        return failure(ok.error());
    }
    if (!must.refused().empty()) {
        return failure(Error{ErrorCode::internal,
                             "cannot get " + request.url + ": libcurl refused " + must.refused(),
                             "install a newer libcurl"});
    }
    const CURLcode code = api->easy_perform(h);
    return finish_attempt(api, h, code, errbuf, state, settings, handler);
}

} // namespace gover::detail
