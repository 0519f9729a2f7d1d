// retry_policy.cpp and download()'s retry edges: Retry-After on 429/503 honoured only within the
// back-off budget (README "How it works": about 10 s in all), and a 416 answer to a resume request,
// which starts over from byte 0 within the 3 attempts. Timings are asserted only as generous
// bounds.
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>

#include "gover/net/http.hpp"
#include "gover/net/retry_policy.hpp"
#include "support/http_test_helpers.hpp"
#include "support/http_test_server.hpp"

namespace gover {
namespace {

using detail::parse_retry_after;
using detail::retry_pause;
using std::chrono::milliseconds;
using test::HttpConnection;
using test::HttpRequest;
using test::HttpTestServer;
using test::MemorySink;
using test::payload;

TransferSettings settings_with_budget(double seconds) {
    return test::loopback_settings(seconds, 2);
}

// A 200 that promises the whole body, sends `cut` bytes and hangs up.
void send_truncated(HttpConnection& c, const std::string& body, std::size_t cut) {
    c.send("HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\nConnection: close\r\n\r\n");
    c.send(std::string_view(body).substr(0, cut));
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(RetryAfter, ParsesDeltaSeconds) {
    EXPECT_EQ(parse_retry_after("120", 0), 120.0);
    EXPECT_EQ(parse_retry_after(" 5\r", 0), 5.0);
    EXPECT_EQ(parse_retry_after("0", 0), 0.0);
    EXPECT_GE(*parse_retry_after("99999999999999999999", 0), 1e6); // huge, not an overflow
}

TEST(RetryAfter, ParsesAnImfFixdateRelativeToNow) {
    // 1994-11-06 08:49:37 UTC is 784111777 seconds after the epoch.
    EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", 784111777 - 30), 30.0);
    EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", 784111777 + 30), 0.0);
}

TEST(RetryAfter, IgnoresWhatItCannotRead) {
    for (const char* value : {"", "soon", "-5", "1.5", "5s", "Sunday, 06-Nov-94 08:49:37 GMT",
                              "Sun Nov  6 08:49:37 1994", "Sun, 06 Foo 1994 08:49:37 GMT",
                              "Sun, 06 Nov 1994 25:49:37 GMT"}) {
        EXPECT_FALSE(parse_retry_after(value, 0)) << value;
    }
}

TEST(RetryPause, WithoutRetryAfterFollowsTheScheduleAndAddsUpToTheBudget) {
    const auto settings = settings_with_budget(10);
    const auto first = retry_pause(2, std::nullopt, milliseconds(0), settings);
    const auto second = retry_pause(3, std::nullopt, first, settings);
    EXPECT_LT(first, second);
    EXPECT_NEAR(double((first + second).count()), 10000.0, 2.0);
}

TEST(RetryPause, HonoursRetryAfterThatFitsTheBudget) {
    const auto settings = settings_with_budget(10);
    EXPECT_EQ(retry_pause(2, 5.0, milliseconds(0), settings), milliseconds(5000));
    // Shorter than the schedule: the schedule wins (a retry never comes sooner).
    EXPECT_EQ(retry_pause(2, 1.0, milliseconds(0), settings),
              retry_pause(2, std::nullopt, milliseconds(0), settings));
}

TEST(RetryPause, NeverWaitsPastTheBudget) {
    const auto settings = settings_with_budget(10);
    EXPECT_EQ(retry_pause(2, 3600.0, milliseconds(0), settings), milliseconds(10000));
    EXPECT_EQ(retry_pause(3, 3600.0, milliseconds(10000), settings), milliseconds(0));
    EXPECT_EQ(retry_pause(3, 5.0, milliseconds(7000), settings), milliseconds(3000));
    EXPECT_EQ(retry_pause(3, 1e9, milliseconds(0), settings), milliseconds(10000));
    // Whatever the server says, three attempts never wait longer than the budget in all.
    for (double asked : {0.0, 1.0, 4.0, 9.0, 11.0, 1e9}) {
        const auto a = retry_pause(2, asked, milliseconds(0), settings);
        const auto b = retry_pause(3, asked, a, settings);
        EXPECT_LE((a + b).count(), 10000) << asked;
    }
}

TEST(RetryAfter, BeyondTheBudgetIsWhatTheBackOffHasNoRoomFor) {
    TransferSettings settings;
    settings.backoff_total_seconds = 10.0;
    using detail::retry_after_beyond_budget;
    EXPECT_FALSE(retry_after_beyond_budget(std::nullopt, milliseconds(0), settings));
    EXPECT_FALSE(retry_after_beyond_budget(10.0, milliseconds(0), settings));
    EXPECT_TRUE(retry_after_beyond_budget(10.5, milliseconds(0), settings));
    EXPECT_FALSE(retry_after_beyond_budget(3.0, milliseconds(7000), settings));
    EXPECT_TRUE(retry_after_beyond_budget(3.5, milliseconds(7000), settings));
    EXPECT_TRUE(retry_after_beyond_budget(1e12, milliseconds(0), settings));
}

TEST(DownloadRetryAfter, WaitsAsLongAsA429Asks) {
    HttpTestServer server([](const HttpRequest&, HttpConnection& c, int n) {
        n == 1 ? c.respond(429, "slow down", {"Retry-After: 1"}) : c.respond(200, "done");
    });
    // Budget 1.5 s: the schedule alone would wait 0.5 s before the second attempt.
    MemorySink sink;
    const auto start = std::chrono::steady_clock::now();
    auto ok = download(server.url("/f"), 0, sink, settings_with_budget(1.5));
    const double took = seconds_since(start);
    ASSERT_TRUE(ok) << ok.error().message;
    EXPECT_EQ(sink.data, "done");
    EXPECT_EQ(server.request_count(), 2);
    EXPECT_GE(took, 0.95);
    EXPECT_LT(took, 30.0);
}

TEST(DownloadRetryAfter, ARetryAfterBeyondTheBudgetIsNotRetried) {
    HttpTestServer server([](const HttpRequest&, HttpConnection& c, int) {
        c.respond(503, "busy", {"Retry-After: 3600"});
    });
    MemorySink sink;
    const auto start = std::chrono::steady_clock::now();
    auto result = download(server.url("/f"), 0, sink, settings_with_budget(0.3));
    ASSERT_FALSE(result);
    EXPECT_LT(seconds_since(start), 20.0); // not an hour, and not the budget either
    EXPECT_EQ(server.request_count(), 1);  // a retry sooner than asked would be refused too
    EXPECT_NE(result.error().message.find("HTTP 503"), std::string::npos);
    EXPECT_NE(result.error().hint.find("retry in 3600 s"), std::string::npos)
        << result.error().hint;
}

TEST(Download416, StartsOverFromByteZeroWhenTheResumeIsRefused) {
    const std::string body = payload(120000);
    HttpTestServer server([&](const HttpRequest&, HttpConnection& c, int n) {
        if (n == 1) {
            send_truncated(c, body, 40000);
        } else if (n == 2) {
            c.respond(416, "", {"Content-Range: bytes */" + std::to_string(body.size())});
        } else {
            c.respond(200, body);
        }
    });
    MemorySink sink;
    auto ok = download(server.url("/f"), body.size(), sink, settings_with_budget(0.05));
    ASSERT_TRUE(ok) << ok.error().message;
    EXPECT_EQ(sink.data, body);
    EXPECT_EQ(sink.restarts, 1);
    ASSERT_EQ(server.request_count(), 3);
    EXPECT_EQ(server.requests()[1].header("range"), "bytes=40000-");
    EXPECT_EQ(server.requests()[2].header("range"), ""); // from byte 0
}

TEST(Download416, A416OnTheLastAttemptFailsWithinThreeAttempts) {
    const std::string body = payload(120000);
    HttpTestServer server([&](const HttpRequest& r, HttpConnection& c, int n) {
        if (!r.header("range").empty() && n == 3) {
            c.respond(416, "<html>no</html>");
        } else {
            send_truncated(c, body, 30000 * static_cast<std::size_t>(n));
        }
    });
    MemorySink sink;
    auto result = download(server.url("/f"), body.size(), sink, settings_with_budget(0.05));
    ASSERT_FALSE(result);
    EXPECT_EQ(server.request_count(), 3);
    EXPECT_NE(result.error().message.find("416"), std::string::npos) << result.error().message;
    EXPECT_NE(result.error().message.find("after 3 attempts"), std::string::npos);
    EXPECT_EQ(sink.data.find("<html>"), std::string::npos); // the error page is never data
}

TEST(Download416, A416WithoutARangeRequestIsNotRetried) {
    HttpTestServer server([](const HttpRequest&, HttpConnection& c, int) { c.respond(416, ""); });
    MemorySink sink;
    auto result = download(server.url("/f"), 0, sink, settings_with_budget(0.05));
    ASSERT_FALSE(result);
    EXPECT_EQ(server.request_count(), 1);
    EXPECT_EQ(sink.restarts, 0);
}

} // namespace
} // namespace gover
