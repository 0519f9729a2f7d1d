#include "gover/source/goproxy_list.hpp"

#include <cctype>

#include "core/regular_file.hpp"
#include "gover/source/goproxy_settings.hpp"

namespace gover {
namespace {

std::string trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' ||
                             text.front() == '\r')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                             text.back() == '\r')) {
        text.remove_suffix(1);
    }
    return std::string(text);
}

bool has_scheme(std::string_view url, std::string_view scheme) {
    if (url.size() <= scheme.size() + 3) {
        return false;
    }
    for (std::size_t i = 0; i < scheme.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(url[i])) != scheme[i]) {
            return false;
        }
    }
    return url.substr(scheme.size(), 3) == "://";
}

Error bad_entry(std::string_view entry, const std::string& why) {
    return Error{ErrorCode::usage, "GOPROXY entry '" + redact_url(entry) + "' " + why,
                 "GOPROXY is a list of https://, http:// or file:/// URLs, 'direct' or 'off', "
                 "separated by ',' or '|'"};
}

// Replaces every copy of `raw` in the error's text by its redacted form.
Error redacted(Error error, const std::string& raw) {
    const std::string safe = redact_url(raw);
    if (safe != raw) {
        for (std::size_t at = 0; (at = error.message.find(raw, at)) != std::string::npos;) {
            error.message.replace(at, raw.size(), safe);
            at += safe.size();
        }
    }
    return error;
}

} // namespace

Result<std::vector<ProxyEntry>> parse_goproxy(std::string_view value) {
    std::vector<ProxyEntry> out;
    while (!value.empty()) {
        const auto sep = value.find_first_of(",|");
        ProxyEntry entry;
        entry.url = trim(value.substr(0, sep));
        entry.fall_back_on_error = sep != std::string_view::npos && value[sep] == '|';
        value = sep == std::string_view::npos ? std::string_view() : value.substr(sep + 1);
        if (entry.url.empty()) {
            continue;
        }
        if (entry.url == "off" || entry.url == "direct") {
            out.push_back(std::move(entry));
            break; // both end the walk
        }
        const bool word_like = entry.url.find_first_of(".:/") == std::string::npos;
        if (word_like) {
            return tl::unexpected(bad_entry(entry.url, "is not a URL, 'direct' or 'off'"));
        }
        if (entry.url.find(":/") == std::string::npos && entry.url[0] != '/') {
            entry.url = "https://" + entry.url; // a bare host name, as cmd/go reads it
        }
        if (entry.url[0] == '/') {
            return tl::unexpected(
                bad_entry(entry.url, "is a path; write it as file://" + entry.url));
        }
        if (!has_scheme(entry.url, "https") && !has_scheme(entry.url, "http") &&
            !has_scheme(entry.url, "file")) {
            return tl::unexpected(bad_entry(entry.url, "has a scheme other than https, http "
                                                       "or file"));
        }
        if (has_scheme(entry.url, "file") && !file_url_path(entry.url)) {
            return tl::unexpected(bad_entry(entry.url, "is not a local file:/// URL"));
        }
        // No trailing '/' (paths are appended with one), but "file:///" stays "file://".
        const auto authority = entry.url.find("://") + 3;
        while (entry.url.size() > authority && entry.url.ends_with('/')) {
            entry.url.pop_back();
        }
        out.push_back(std::move(entry));
    }
    if (out.empty()) {
        return fail(ErrorCode::usage, "GOPROXY lists no proxy",
                    "set GOPROXY to a module proxy URL, e.g. https://proxy.golang.org");
    }
    return out;
}

std::string proxy_base(const ProxyEntry& entry) {
    return entry.url == "direct" ? std::string(k_toolchain_direct_url) : entry.url;
}

std::string redact_url(std::string_view url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) {
        return std::string(url);
    }
    const auto host_start = scheme_end + 3;
    const auto host_end = url.find_first_of("/?#", host_start);
    const auto at = url.substr(0, host_end).rfind('@');
    if (at == std::string_view::npos || at < host_start) {
        return std::string(url);
    }
    return std::string(url.substr(0, host_start)) + "***" + std::string(url.substr(at));
}

bool is_missing_file_error(const Error& error) {
    return error.code == ErrorCode::not_found ||
           (error.code == ErrorCode::network &&
            (error.message.find(": HTTP 404") != std::string::npos ||
             error.message.find(": HTTP 410") != std::string::npos));
}

Status walk_proxies(const std::vector<ProxyEntry>& entries, const std::string& what,
                    const ProxyAttempt& attempt) {
    std::string reasons;
    bool all_missing = true;
    ErrorCode last = ErrorCode::not_found;
    // net/'s hints name GOVER_MIRROR; this one fits.
    std::string hint = "check GOPROXY: each proxy tried is named with what it answered";
    for (const auto& entry : entries) {
        if (entry.url == "off") {
            if (reasons.empty()) {
                return fail(ErrorCode::usage, "GOPROXY=off forbids downloading " + what,
                            "set GOPROXY to a module proxy, e.g. https://proxy.golang.org");
            }
            reasons += "; then GOPROXY says off";
            all_missing = false;
            last = ErrorCode::network;
            break;
        }
        const std::string base = proxy_base(entry);
        auto done = attempt(base);
        if (done) {
            return {};
        }
        Error error = redacted(done.error(), base);
        if (error.code == ErrorCode::interrupted) {
            return tl::unexpected(error);
        }
        const bool missing = is_missing_file_error(error);
        reasons += (reasons.empty() ? "" : "; ") + redact_url(base) + ": " + error.message;
        all_missing = all_missing && missing;
        last = missing ? ErrorCode::not_found : error.code;
        if (!missing && !entry.fall_back_on_error) {
            break; // ',' falls through only on a missing file
        }
    }
    return fail(all_missing ? ErrorCode::not_found : last,
                "no module proxy in GOPROXY served " + what + " (" + reasons + ")",
                all_missing ? "check GOPROXY and that the version exists" : hint);
}

Result<std::string> proxy_get(const std::string& url, const TransferSettings& settings,
                              std::size_t max_bytes) {
    if (auto path = file_url_path(url)) {
        auto read = read_bounded_file(*path, max_bytes);
        if (!read) {
            return tl::unexpected(read.error());
        }
        if (read->state == FileState::absent) {
            return fail(ErrorCode::not_found, "no file " + *path);
        }
        if (read->state != FileState::read) {
            return fail(ErrorCode::io, "cannot read " + *path +
                                           " (not a regular file, or "
                                           "larger than " +
                                           std::to_string(max_bytes) + " bytes)");
        }
        return std::move(read->text);
    }
    FetchRequest request;
    request.url = url;
    request.max_bytes = max_bytes;
    auto response = fetch(request, settings);
    if (!response) {
        Error error = redacted(response.error(), url);
        if (is_missing_file_error(error)) {
            error.code = ErrorCode::not_found;
            error.hint.clear();
        }
        return tl::unexpected(error);
    }
    return std::move(response->body);
}

} // namespace gover
