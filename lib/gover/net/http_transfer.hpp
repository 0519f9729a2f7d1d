#pragma once
// One libcurl transfer attempt (no retries), used by fetch() and download() in http.cpp. The
// caller decides about retrying from the attempt's outcome. Keeps curl out of every header.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "gover/net/http.hpp"

namespace gover::detail {

struct AttemptRequest {
    std::string url;
    std::uint64_t resume_from = 0;    // > 0: ask for "Range: bytes=N-"
    std::vector<std::string> headers; // extra request headers ("If-None-Match: ...")
    bool accept_encoding = false;     // let the server compress (the index, not archives)
};

// What the response said before its first body byte.
struct ResponseStart {
    long status = 0;                  // 0 for file://
    std::int64_t content_length = -1; // of this response's body; -1 when unknown
    std::int64_t range_start = -1;    // Content-Range start of a 206, -1 otherwise
};

// The receiving side of an attempt. Any error returned aborts the transfer with that error
// (and, unless its code says otherwise, without a retry).
class AttemptHandler {
  public:
    virtual ~AttemptHandler() = default;
    // Called once, before the first body byte, only for a 2xx (or file://) response.
    virtual Status on_start(const ResponseStart& start) = 0;
    virtual Status on_data(std::span<const std::byte> bytes) = 0;
    // Bytes of this response so far and its total (0: unknown); false cancels.
    virtual bool on_progress(std::uint64_t now, std::uint64_t total) = 0;
};

enum class Outcome { ok, transient, permanent };

struct AttemptResult {
    Outcome outcome = Outcome::permanent;
    Error error;      // when outcome != ok
    long status = 0;  // the final HTTP status (304 for not modified)
    std::string etag; // of the final response
    std::string last_modified;
    // The final response's Retry-After, in seconds (retry_policy.hpp), when it had a readable one.
    std::optional<double> retry_after;
};

// Runs one request. Redirects, protocols, TLS trust and timeouts come from settings.
AttemptResult run_attempt(const AttemptRequest& request, const TransferSettings& settings,
                          AttemptHandler& handler);

// Whether an HTTP status is worth another attempt (5xx, 429).
bool is_transient_status(long status);

} // namespace gover::detail
