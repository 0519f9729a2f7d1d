#pragma once
// A scripted plain-http server on 127.0.0.1 for the faults nginx cannot make on demand (500
// then 200, a body cut short, a stall, a server that ignores Range). One request a connection;
// the test's handler writes the raw response. Tests reach it with TransferSettings::allow_http.

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace gover::test {

struct HttpRequest {
    std::string method;
    std::string target;                         // "/dl/file.tar.gz?x=1"
    std::map<std::string, std::string> headers; // names in lower case
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

// The connection a handler answers on. Writes ignore a client that went away.
class HttpConnection {
  public:
    explicit HttpConnection(int fd) : fd_(fd) {}
    void send(std::string_view bytes);
    // A complete response: status line, Content-Length, Connection: close, extra headers, body.
    void respond(int status, std::string_view body, const std::vector<std::string>& headers = {});
    int fd() const { return fd_; }

  private:
    int fd_;
};

class HttpTestServer {
  public:
    // handler(request, connection, n): n counts requests from 1.
    using Handler = std::function<void(const HttpRequest&, HttpConnection&, int)>;
    explicit HttpTestServer(Handler handler);
    ~HttpTestServer(); // stops the server and waits for its thread
    HttpTestServer(const HttpTestServer&) = delete;
    HttpTestServer& operator=(const HttpTestServer&) = delete;

    int port() const { return port_; }
    // "http://127.0.0.1:<port>" + path
    std::string url(std::string_view path = "/") const;
    int request_count() const { return count_.load(); }
    std::vector<HttpRequest> requests() const;
    // Stops accepting (the port then refuses connections); safe to call twice.
    void stop();

  private:
    void serve();

    Handler handler_;
    int listen_fd_ = -1;
    int stop_pipe_[2] = {-1, -1};
    int port_ = 0;
    std::atomic<int> count_{0};
    mutable std::mutex mutex_;
    std::vector<HttpRequest> requests_;
    std::thread thread_;
};

// The bytes [offset, end) of body as a 206 response, or the whole body as 200 when offset is 0.
void respond_with_range(HttpConnection& connection, const HttpRequest& request,
                        std::string_view body);

} // namespace gover::test
