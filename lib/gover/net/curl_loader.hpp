#pragma once
// libcurl, loaded on first use. On Linux gover does not link libcurl at start-up: loading it and
// the ~30 libraries it pulls in (TLS, Kerberos, LDAP, ...) costs more than everything else a
// cached `gover list-remote` or a `gover current` does (issue 8, bench/index.sh). The first
// transfer dlopen()s it instead. On macOS dyld's shared cache makes linking cheap, so it links.
// Only http_transfer.cpp includes this (and curl.h).

#define CURL_DISABLE_DEPRECATION 1 // CURLOPT_PROTOCOLS is the fallback for libcurl < 7.85
#include <curl/curl.h>

#include <string>

namespace gover::detail {

struct CurlApi {
    CURLcode (*global_init)(long flags);
    CURL* (*easy_init)();
    void (*easy_cleanup)(CURL* handle);
    CURLcode (*easy_setopt)(CURL* handle, CURLoption option, ...);
    CURLcode (*easy_perform)(CURL* handle);
    CURLcode (*easy_getinfo)(CURL* handle, CURLINFO info, ...);
    const char* (*easy_strerror)(CURLcode code);
    curl_slist* (*slist_append)(curl_slist* list, const char* text);
    void (*slist_free_all)(curl_slist* list);
};

// libcurl, loaded and curl_global_init()ed once (thread-safe). nullptr when it cannot be
// loaded; *error then says why (the dlerror() text).
const CurlApi* curl_api(std::string* error);

} // namespace gover::detail
