#include "support/http_test_server.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace gover::test {
namespace {

std::string lower(std::string text) {
    for (char& c : text) {
        c = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    }
    return text;
}

std::string trim(std::string text) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) {
        text.pop_back();
    }
    std::size_t start = 0;
    while (start < text.size() && text[start] == ' ') {
        ++start;
    }
    return text.substr(start);
}

// Reads the request head (no body: tests only GET). False when the client sent nothing usable.
bool read_request(int fd, HttpRequest& request) {
    std::string head;
    char buffer[4096];
    while (head.find("\r\n\r\n") == std::string::npos) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 5000) <= 0) {
            return false;
        }
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) {
            return false;
        }
        head.append(buffer, static_cast<std::size_t>(n));
        if (head.size() > (1 << 16)) {
            return false;
        }
    }
    std::size_t line_end = head.find("\r\n");
    const std::string first = head.substr(0, line_end);
    const auto space1 = first.find(' ');
    const auto space2 = first.find(' ', space1 + 1);
    if (space1 == std::string::npos || space2 == std::string::npos) {
        return false;
    }
    request.method = first.substr(0, space1);
    request.target = first.substr(space1 + 1, space2 - space1 - 1);
    std::size_t at = line_end + 2;
    while (true) {
        line_end = head.find("\r\n", at);
        if (line_end == std::string::npos || line_end == at) {
            break;
        }
        const std::string line = head.substr(at, line_end - at);
        const auto colon = line.find(':');
        if (colon != std::string::npos) {
            request.headers[lower(trim(line.substr(0, colon)))] = trim(line.substr(colon + 1));
        }
        at = line_end + 2;
    }
    return true;
}

const char* reason(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 206:
        return "Partial Content";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 404:
        return "Not Found";
    case 416:
        return "Range Not Satisfiable";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

void HttpConnection::send(std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return; // the client hung up: that is what some tests want
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

void HttpConnection::respond(int status, std::string_view body,
                             const std::vector<std::string>& headers) {
    std::string head = "HTTP/1.1 " + std::to_string(status) + " " + reason(status) + "\r\n";
    head += "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n";
    for (const auto& header : headers) {
        head += header + "\r\n";
    }
    head += "\r\n";
    send(head);
    send(body);
}

HttpTestServer::HttpTestServer(Handler handler) : handler_(std::move(handler)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listen_fd_ < 0) {
        throw std::runtime_error("socket failed");
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0; // the kernel picks a free port
    socklen_t length = sizeof address;
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listen_fd_, 16) != 0 ||
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0 ||
        ::pipe(stop_pipe_) != 0) {
        ::close(listen_fd_);
        throw std::runtime_error("cannot listen on 127.0.0.1");
    }
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
}

HttpTestServer::~HttpTestServer() {
    stop();
    ::close(stop_pipe_[0]);
    ::close(stop_pipe_[1]);
}

void HttpTestServer::stop() {
    if (thread_.joinable()) {
        const char byte = 'x';
        (void)!::write(stop_pipe_[1], &byte, 1);
        thread_.join();
    }
    if (listen_fd_ >= 0) {
        ::close(listen_fd_);
        listen_fd_ = -1;
    }
}

std::string HttpTestServer::url(std::string_view path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

std::vector<HttpRequest> HttpTestServer::requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
}

void HttpTestServer::serve() {
    while (true) {
        pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            return;
        }
        if (fds[1].revents != 0) {
            return;
        }
        const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) {
            continue;
        }
        HttpRequest request;
        if (read_request(fd, request)) {
            {
                std::lock_guard lock(mutex_);
                requests_.push_back(request);
            }
            const int n = ++count_;
            HttpConnection connection(fd);
            handler_(request, connection, n);
        }
        ::shutdown(fd, SHUT_RDWR);
        ::close(fd);
    }
}

void respond_with_range(HttpConnection& connection, const HttpRequest& request,
                        std::string_view body) {
    const std::string range = request.header("range");
    std::size_t offset = 0;
    if (range.rfind("bytes=", 0) == 0) {
        offset = std::stoul(range.substr(6));
    }
    if (offset == 0) {
        connection.respond(200, body);
        return;
    }
    if (offset >= body.size()) {
        connection.respond(416, "");
        return;
    }
    connection.respond(206, body.substr(offset),
                       {"Content-Range: bytes " + std::to_string(offset) + "-" +
                        std::to_string(body.size() - 1) + "/" + std::to_string(body.size())});
}

} // namespace gover::test
