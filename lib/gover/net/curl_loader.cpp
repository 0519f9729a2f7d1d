#include "gover/net/curl_loader.hpp"

#include <mutex>

#if !defined(__APPLE__)
#include <dlfcn.h>
#endif

namespace gover::detail {
namespace {

struct Loaded {
    CurlApi api{};
    bool ok = false;
    std::string error;
};

#if defined(__APPLE__)

Loaded load() {
    Loaded loaded;
    loaded.api = CurlApi{curl_global_init,   curl_easy_init,    curl_easy_cleanup,
                         curl_easy_setopt,   curl_easy_perform, curl_easy_getinfo,
                         curl_easy_strerror, curl_slist_append, curl_slist_free_all};
    loaded.ok = true;
    return loaded;
}

#else

// The soname every Linux distribution ships libcurl's ABI 4 under.
constexpr const char* k_libcurl = "libcurl.so.4";

template <class F> bool resolve(void* library, const char* name, F& slot, std::string& error) {
    void* symbol = ::dlsym(library, name);
    if (!symbol) {
        error = std::string("libcurl has no ") + name;
        return false;
    }
    slot = reinterpret_cast<F>(symbol);
    return true;
}

Loaded load() {
    Loaded loaded;
    // Never unloaded: handles and global state live until exit.
    void* library = ::dlopen(k_libcurl, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char* why = ::dlerror();
        loaded.error = why ? why : "cannot load libcurl.so.4";
        return loaded;
    }
    CurlApi& a = loaded.api;
    loaded.ok = resolve(library, "curl_global_init", a.global_init, loaded.error) &&
                resolve(library, "curl_easy_init", a.easy_init, loaded.error) &&
                resolve(library, "curl_easy_cleanup", a.easy_cleanup, loaded.error) &&
                resolve(library, "curl_easy_setopt", a.easy_setopt, loaded.error) &&
                resolve(library, "curl_easy_perform", a.easy_perform, loaded.error) &&
                resolve(library, "curl_easy_getinfo", a.easy_getinfo, loaded.error) &&
                resolve(library, "curl_easy_strerror", a.easy_strerror, loaded.error) &&
                resolve(library, "curl_slist_append", a.slist_append, loaded.error) &&
                resolve(library, "curl_slist_free_all", a.slist_free_all, loaded.error);
    return loaded;
}

#endif

} // namespace

const CurlApi* curl_api(std::string* error) {
    static std::once_flag once;
    static Loaded loaded;
    std::call_once(once, [] {
        loaded = load();
        if (loaded.ok && loaded.api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
            loaded.ok = false;
            loaded.error = "curl_global_init failed";
        }
    });
    if (!loaded.ok) {
        if (error) {
            *error = loaded.error;
        }
        return nullptr;
    }
    return &loaded.api;
}

} // namespace gover::detail
