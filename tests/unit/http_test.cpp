// http.cpp: URL policy, settings from the environment, and the retry/resume rules of download()
// and fetch() against a scripted server on loopback (plain http, allowed via allow_http).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "gover/net/http.hpp"
#include "support/http_test_helpers.hpp"
#include "support/http_test_server.hpp"
#include "support/temp_dir.hpp"

namespace gover {
namespace {

using test::HttpConnection;
using test::HttpRequest;
using test::HttpTestServer;
using test::MemorySink;
using test::payload;

TransferSettings fast_settings() {
    return test::loopback_settings(0.05, 1);
}

// Sets (or unsets) an environment variable for one test.
class ScopedEnv {
  public:
    ScopedEnv(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) {
            old_ = old;
        }
        value ? ::setenv(name, value, 1) : ::unsetenv(name);
    }
    ~ScopedEnv() { old_ ? ::setenv(name_, old_->c_str(), 1) : ::unsetenv(name_); }

  private:
    const char* name_;
    std::optional<std::string> old_;
};

TEST(CheckUrlAllowed, HttpsAndFileAlwaysHttpOnlyWhenInsecure) {
    TransferSettings strict;
    EXPECT_TRUE(check_url_allowed("https://go.dev/dl/", strict));
    EXPECT_TRUE(check_url_allowed("HTTPS://go.dev/dl/", strict));
    EXPECT_TRUE(check_url_allowed("file:///srv/mirror/index.json", strict));
    auto refused = check_url_allowed("http://127.0.0.1:8080/dl/", strict);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::usage);
    EXPECT_NE(refused.error().message.find("http://127.0.0.1:8080/dl/"), std::string::npos);
    EXPECT_NE(refused.error().hint.find("GOVER_INSECURE=1"), std::string::npos);
    TransferSettings insecure;
    insecure.allow_http = true;
    EXPECT_TRUE(check_url_allowed("http://127.0.0.1:8080/dl/", insecure));
}

TEST(CheckUrlAllowed, OtherSchemesAreRefused) {
    TransferSettings insecure;
    insecure.allow_http = true;
    for (const char* url : {"ftp://example.com/x", "go.dev/dl/", "", "gopher://x", "scp://h/x"}) {
        auto result = check_url_allowed(url, insecure);
        ASSERT_FALSE(result) << url;
        EXPECT_EQ(result.error().code, ErrorCode::usage) << url;
    }
}

TEST(TransferSettings, ReadsTheEnvironment) {
    ScopedEnv insecure("GOVER_INSECURE", "1");
    ScopedEnv cert("SSL_CERT_FILE", "/tmp/ca.pem");
    ScopedEnv bundle("CURL_CA_BUNDLE", "/tmp/bundle.pem");
    ScopedEnv stall("GOVER_LOW_SPEED_TIME", "3");
    ScopedEnv limit("GOVER_LOW_SPEED_LIMIT", "10");
    ScopedEnv connect("GOVER_CONNECT_TIMEOUT", "7");
    ScopedEnv backoff("GOVER_RETRY_BACKOFF", "0.25");
    const auto settings = TransferSettings::from_environment();
    EXPECT_TRUE(settings.allow_http);
    EXPECT_EQ(settings.ca_file, "/tmp/ca.pem"); // SSL_CERT_FILE wins over CURL_CA_BUNDLE
    EXPECT_EQ(settings.low_speed_time_seconds, 3);
    EXPECT_EQ(settings.low_speed_limit_bytes, 10);
    EXPECT_EQ(settings.connect_timeout_seconds, 7);
    EXPECT_DOUBLE_EQ(settings.backoff_total_seconds, 0.25);
}

TEST(TransferSettings, DefaultsFollowTheContract) {
    ScopedEnv insecure("GOVER_INSECURE", "yes"); // only "1" opts in
    ScopedEnv cert("SSL_CERT_FILE", nullptr);
    ScopedEnv bundle("CURL_CA_BUNDLE", "/tmp/bundle.pem");
    ScopedEnv stall("GOVER_LOW_SPEED_TIME", "-4"); // invalid knobs are ignored
    ScopedEnv backoff("GOVER_RETRY_BACKOFF", "soon");
    const auto settings = TransferSettings::from_environment();
    EXPECT_FALSE(settings.allow_http);
    EXPECT_EQ(settings.ca_file, "/tmp/bundle.pem");
    EXPECT_EQ(settings.low_speed_time_seconds, TransferSettings{}.low_speed_time_seconds);
    EXPECT_EQ(settings.max_attempts, 3);
    EXPECT_DOUBLE_EQ(settings.backoff_total_seconds, 10);
}

TEST(FileUrlPath, DecodesLocalPaths) {
    EXPECT_EQ(file_url_path("file:///srv/go%20mirror/index.json"), "/srv/go mirror/index.json");
    EXPECT_EQ(file_url_path("file://localhost/srv/m/"), "/srv/m/");
    EXPECT_EQ(file_url_path("file://otherhost/srv/m/"), std::nullopt);
    EXPECT_EQ(file_url_path("https://go.dev/dl/"), std::nullopt);
    EXPECT_EQ(file_url_path("file:///a%00b"), std::nullopt);
}

TEST(Download, StreamsTheBodyAndReportsProgress) {
    const std::string body = payload(300000);
    HttpTestServer server(
        [&](const HttpRequest&, HttpConnection& c, int) { c.respond(200, body); });
    MemorySink sink;
    std::uint64_t last = 0;
    auto ok = download(server.url("/go.tar.gz"), body.size(), sink, fast_settings(),
                       [&](const DownloadProgress& p) {
                           last = p.received;
                           return true;
                       });
    ASSERT_TRUE(ok) << ok.error().message;
    EXPECT_EQ(sink.data, body);
    EXPECT_EQ(last, body.size());
    EXPECT_EQ(server.request_count(), 1);
    EXPECT_EQ(server.requests()[0].header("user-agent").rfind("gover/", 0), 0u);
}

TEST(Download, RetriesA500ThenSucceeds) {
    const std::string body = payload(5000);
    HttpTestServer server([&](const HttpRequest&, HttpConnection& c, int n) {
        n == 1 ? c.respond(500, "oops") : c.respond(200, body);
    });
    MemorySink sink;
    auto ok = download(server.url("/f"), 0, sink, fast_settings());
    ASSERT_TRUE(ok) << ok.error().message;
    EXPECT_EQ(sink.data, body);
    EXPECT_EQ(server.request_count(), 2);
}

TEST(Download, GivesUpAfterThreeAttemptsOf503) {
    HttpTestServer server(
        [](const HttpRequest&, HttpConnection& c, int) { c.respond(503, "busy"); });
    MemorySink sink;
    auto result = download(server.url("/f"), 0, sink, fast_settings());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::network);
    EXPECT_NE(result.error().message.find("HTTP 503"), std::string::npos) << result.error().message;
    EXPECT_NE(result.error().message.find("after 3 attempts"), std::string::npos);
    EXPECT_NE(result.error().message.find(server.url("/f")), std::string::npos);
    EXPECT_EQ(server.request_count(), 3);
    EXPECT_TRUE(sink.data.empty()); // an error page is never handed to the sink
}

TEST(Download, Retries429) {
    HttpTestServer server([](const HttpRequest&, HttpConnection& c, int n) {
        n < 3 ? c.respond(429, "slow down") : c.respond(200, "done");
    });
    MemorySink sink;
    ASSERT_TRUE(download(server.url("/f"), 0, sink, fast_settings()));
    EXPECT_EQ(sink.data, "done");
    EXPECT_EQ(server.request_count(), 3);
}

TEST(Download, NeverRetriesA404) {
    HttpTestServer server([](const HttpRequest&, HttpConnection& c, int) {
        c.respond(404, "<html>not here</html>");
    });
    MemorySink sink;
    auto result = download(server.url("/missing.tar.gz"), 0, sink, fast_settings());
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().message.find("HTTP 404 Not Found"), std::string::npos);
    EXPECT_EQ(result.error().message.find("attempts"), std::string::npos);
    EXPECT_EQ(server.request_count(), 1);
    EXPECT_TRUE(sink.data.empty());
}

TEST(Download, ResumesATruncatedBodyWithRange) {
    const std::string body = payload(200000);
    HttpTestServer server([&](const HttpRequest& r, HttpConnection& c, int n) {
        if (n == 1) {
            // Promise everything, send 70 KB, hang up.
            c.send("HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) +
                   "\r\nConnection: close\r\n\r\n");
            c.send(std::string_view(body).substr(0, 70000));
            return;
        }
        test::respond_with_range(c, r, body);
    });
    MemorySink sink;
    auto ok = download(server.url("/f"), body.size(), sink, fast_settings());
    ASSERT_TRUE(ok) << ok.error().message;
    EXPECT_EQ(sink.data, body);
    EXPECT_EQ(sink.restarts, 0);
    ASSERT_EQ(server.request_count(), 2);
    EXPECT_EQ(server.requests()[1].header("range"), "bytes=70000-");
}

TEST(Download, RestartsWhenTheServerIgnoresRange) {
    const std::string body = payload(100000);
    HttpTestServer server([&](const HttpRequest&, HttpConnection& c, int n) {
        if (n == 1) {
            c.send("HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) +
                   "\r\nConnection: close\r\n\r\n");
            c.send(std::string_view(body).substr(0, 30000));
            return;
        }
        c.respond(200, body); // Range ignored: the whole body again
    });
    MemorySink sink;
    auto ok = download(server.url("/f"), body.size(), sink, fast_settings());
    ASSERT_TRUE(ok) << ok.error().message;
    EXPECT_EQ(sink.data, body);
    EXPECT_EQ(sink.restarts, 1);
    EXPECT_EQ(server.requests()[1].header("range"), "bytes=30000-");
}

TEST(Download, ReportsATruncatedTransferAfterThreeAttempts) {
    const std::string body = payload(50000);
    HttpTestServer server([&](const HttpRequest&, HttpConnection& c, int) {
        c.send("HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) +
               "\r\nConnection: close\r\n\r\n");
        c.send(std::string_view(body).substr(0, 100)); // ignores Range, always cut short
    });
    MemorySink sink;
    auto result = download(server.url("/f"), 0, sink, fast_settings());
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().message.find("truncated transfer"), std::string::npos)
        << result.error().message;
    EXPECT_EQ(server.request_count(), 3);
}

TEST(Download, AbandonsAStalledTransferAndResumes) {
    const std::string body = payload(80000);
    HttpTestServer server([&](const HttpRequest& r, HttpConnection& c, int n) {
        if (n == 1) {
            c.send("HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) +
                   "\r\nConnection: close\r\n\r\n");
            c.send(std::string_view(body).substr(0, 20000));
            std::this_thread::sleep_for(std::chrono::milliseconds(2500)); // a stall
            return;
        }
        test::respond_with_range(c, r, body);
    });
    MemorySink sink;
    auto ok = download(server.url("/f"), body.size(), sink, fast_settings());
    ASSERT_TRUE(ok) << ok.error().message;
    EXPECT_EQ(sink.data, body);
    EXPECT_EQ(server.requests()[1].header("range"), "bytes=20000-");
}

TEST(Download, RefusesMoreThanMaxSizeFromContentLength) {
    HttpTestServer server(
        [](const HttpRequest&, HttpConnection& c, int) { c.respond(200, std::string(5000, 'x')); });
    MemorySink sink;
    auto result = download(server.url("/f"), 1000, sink, fast_settings());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::checksum);
    EXPECT_NE(result.error().message.find("larger than the index says"), std::string::npos);
    EXPECT_EQ(server.request_count(), 1);
    EXPECT_TRUE(sink.data.empty());
}

TEST(Download, RefusesMoreThanMaxSizeWithoutContentLength) {
    HttpTestServer server([](const HttpRequest&, HttpConnection& c, int) {
        c.send("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
        c.send(std::string(50000, 'x')); // ends when the connection closes
    });
    MemorySink sink;
    auto result = download(server.url("/f"), 1000, sink, fast_settings());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::checksum);
    EXPECT_LE(sink.data.size(), 1000u);
    EXPECT_EQ(server.request_count(), 1);
}

TEST(Download, ProgressReturningFalseInterrupts) {
    const std::string body = payload(400000);
    HttpTestServer server(
        [&](const HttpRequest&, HttpConnection& c, int) { c.respond(200, body); });
    MemorySink sink;
    auto result = download(server.url("/f"), 0, sink, fast_settings(),
                           [](const DownloadProgress&) { return false; });
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::interrupted);
    EXPECT_LE(server.request_count(), 1); // never retried
}

TEST(Download, SinkErrorsStopTheTransferWithoutRetry) {
    class FullDisk : public MemorySink {
        Status write(std::span<const std::byte>) override {
            return fail(ErrorCode::io, "No space left on device");
        }
    } sink;
    HttpTestServer server([](const HttpRequest&, HttpConnection& c, int) {
        c.respond(200, std::string(10000, 'x'));
    });
    auto result = download(server.url("/f"), 0, sink, fast_settings());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::io);
    EXPECT_EQ(server.request_count(), 1);
}

TEST(Download, RedirectLoopIsBounded) {
    HttpTestServer server([](const HttpRequest&, HttpConnection& c, int) {
        c.respond(302, "", {"Location: /loop"});
    });
    MemorySink sink;
    auto settings = fast_settings();
    settings.max_redirects = 4;
    auto result = download(server.url("/loop"), 0, sink, settings);
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().message.find("too many redirects"), std::string::npos);
    EXPECT_EQ(server.request_count(), 5); // the first request and four redirects, no retry
}

TEST(Download, RefusesHttpBeforeAnyRequest) {
    HttpTestServer server([](const HttpRequest&, HttpConnection& c, int) { c.respond(200, "x"); });
    MemorySink sink;
    auto settings = fast_settings();
    settings.allow_http = false;
    auto result = download(server.url("/f"), 0, sink, settings);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::usage);
    EXPECT_EQ(server.request_count(), 0);
}

TEST(Download, ReadsFileUrls) {
    test::TempDir dir;
    const std::string body = payload(12345);
    std::ofstream(dir / "go.tar.gz", std::ios::binary) << body;
    MemorySink sink;
    auto ok =
        download("file://" + (dir / "go.tar.gz").string(), body.size(), sink, TransferSettings{});
    ASSERT_TRUE(ok) << ok.error().message;
    EXPECT_EQ(sink.data, body);

    MemorySink missing;
    auto result =
        download("file://" + (dir / "nope.tar.gz").string(), 0, missing, TransferSettings{});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::network);
    EXPECT_NE(result.error().message.find("nope.tar.gz"), std::string::npos);
}

TEST(Download, UnreachableServerFailsAtOnce) {
    int port = 0;
    {
        HttpTestServer server([](const HttpRequest&, HttpConnection&, int) {});
        port = server.port();
    } // closed: connections are refused now
    MemorySink sink;
    auto result =
        download("http://127.0.0.1:" + std::to_string(port) + "/f", 0, sink, fast_settings());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::network);
    EXPECT_NE(result.error().message.find("cannot connect"), std::string::npos);
}

TEST(Fetch, SendsValidatorsAndUnderstands304) {
    HttpTestServer server([](const HttpRequest& r, HttpConnection& c, int) {
        if (r.header("if-none-match") == "\"v1\"") {
            c.send("HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\nConnection: close\r\n\r\n");
            return;
        }
        c.respond(200, "[]", {"ETag: \"v1\"", "Last-Modified: Tue, 01 Aug 2026 10:00:00 GMT"});
    });
    FetchRequest request;
    request.url = server.url("/dl/?mode=json&include=all");
    auto first = fetch(request, fast_settings());
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_FALSE(first->not_modified);
    EXPECT_EQ(first->body, "[]");
    EXPECT_EQ(first->etag, "\"v1\"");
    EXPECT_EQ(first->last_modified, "Tue, 01 Aug 2026 10:00:00 GMT");

    request.if_none_match = first->etag;
    request.if_modified_since = first->last_modified;
    auto second = fetch(request, fast_settings());
    ASSERT_TRUE(second) << second.error().message;
    EXPECT_TRUE(second->not_modified);
    EXPECT_EQ(server.requests()[1].header("if-modified-since"), "Tue, 01 Aug 2026 10:00:00 GMT");
    EXPECT_EQ(server.requests()[1].target, "/dl/?mode=json&include=all");
}

TEST(Fetch, CapsTheBody) {
    HttpTestServer server(
        [](const HttpRequest&, HttpConnection& c, int) { c.respond(200, std::string(4096, '[')); });
    FetchRequest request;
    request.url = server.url("/dl/");
    request.max_bytes = 1000;
    auto result = fetch(request, fast_settings());
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().message.find("larger than 1000 bytes"), std::string::npos);
}

TEST(Fetch, RetriesTransientFailuresThenSucceeds) {
    HttpTestServer server([](const HttpRequest&, HttpConnection& c, int n) {
        n == 1 ? c.respond(502, "bad gateway") : c.respond(200, "[1]");
    });
    FetchRequest request;
    request.url = server.url("/dl/");
    auto result = fetch(request, fast_settings());
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->body, "[1]");
    EXPECT_EQ(server.request_count(), 2);
}

} // namespace
} // namespace gover
