// The libcurl entry points gover calls (net/curl_loader.hpp): dlopen()ed on Linux, linked on
// macOS (the loader's Darwin branch). Either way the table must be complete and callable; this
// test runs on both (the macOS job of .github/workflows/ci.yml runs the unit tests there).
#include "gover/net/curl_loader.hpp"

#include <string>

#include <gtest/gtest.h>

namespace gover::detail {
namespace {

TEST(CurlLoader, EveryEntryPointIsThereAndCallable) {
    std::string error;
    const CurlApi* api = curl_api(&error);
    ASSERT_NE(api, nullptr) << error;
    EXPECT_NE(api->global_init, nullptr);
    EXPECT_NE(api->easy_init, nullptr);
    EXPECT_NE(api->easy_cleanup, nullptr);
    EXPECT_NE(api->easy_setopt, nullptr);
    EXPECT_NE(api->easy_perform, nullptr);
    EXPECT_NE(api->easy_getinfo, nullptr);
    EXPECT_NE(api->easy_strerror, nullptr);
    EXPECT_NE(api->slist_append, nullptr);
    EXPECT_NE(api->slist_free_all, nullptr);

    // Each is the function its name says: a handle, an option, a list, an error text.
    CURL* handle = api->easy_init();
    ASSERT_NE(handle, nullptr);
    EXPECT_EQ(api->easy_setopt(handle, CURLOPT_URL, "https://127.0.0.1/"), CURLE_OK);
    long code = -1;
    EXPECT_EQ(api->easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &code), CURLE_OK);
    EXPECT_EQ(code, 0); // nothing transferred yet
    api->easy_cleanup(handle);
    curl_slist* list = api->slist_append(nullptr, "Accept: application/json");
    ASSERT_NE(list, nullptr);
    EXPECT_STREQ(list->data, "Accept: application/json");
    api->slist_free_all(list);
    EXPECT_STREQ(api->easy_strerror(CURLE_OK), "No error");
}

TEST(CurlLoader, LoadedOnce) {
    std::string error;
    EXPECT_EQ(curl_api(&error), curl_api(&error));
}

} // namespace
} // namespace gover::detail
