#pragma once
// GOPROXY as cmd/go walks it: entries separated by ',' (the next is tried only after a 404 or
// 410) or '|' (the next is tried after any error); "direct" (for golang.org/toolchain,
// https://go.dev/dl/mod) and "off" end the list; https://, http:// and file:/// entries. Errors
// name each entry that failed and why.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "gover/net/http.hpp"

namespace gover {

struct ProxyEntry {
    std::string url;                 // "https://...", "http://...", "file:///...", "direct", "off"
    bool fall_back_on_error = false; // the separator after it was '|'
};

// The entries of a GOPROXY value. A word that is not direct or off, a URL of another scheme, or
// a list with no entries is an ErrorCode::usage error naming GOPROXY. Host names without a
// scheme get https://, as in cmd/go.
Result<std::vector<ProxyEntry>> parse_goproxy(std::string_view value);

// The URL an entry is fetched from ("direct" is the toolchain's go.dev address), no trailing '/'.
std::string proxy_base(const ProxyEntry& entry);

// The URL with any user:password@ replaced by "***@", for messages.
std::string redact_url(std::string_view url);

// One attempt at one entry's base URL. ErrorCode::not_found means "this proxy has no such file".
using ProxyAttempt = std::function<Status(const std::string& base)>;

// Tries each entry in order until one succeeds. "off" fails naming GOPROXY. When every entry
// failed, the error names `what` and each entry's reason; its code is not_found when every
// reason was a missing file.
Status walk_proxies(const std::vector<ProxyEntry>& entries, const std::string& what,
                    const ProxyAttempt& attempt);

// A small file from a proxy: https/http (http allowed: everything a proxy sends is proven by the
// checksum database or only names versions) or file://. 404, 410 and a missing local file are
// ErrorCode::not_found; credentials in the URL never appear in messages.
Result<std::string> proxy_get(const std::string& url, const TransferSettings& settings,
                              std::size_t max_bytes);

// Whether an error from net/ is a missing file (HTTP 404 or 410).
bool is_missing_file_error(const Error& error);

} // namespace gover
