#pragma once
// Runs the checksum database test server (tests/support/sumdb_server, Go's own sumdb code) as a
// child process on 127.0.0.1 for one test, and stops it when destroyed.

#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

namespace gover::test {

class SumdbTestServer {
  public:
    // binary: the built server; args: its flags and records (see main.go). Throws
    // std::runtime_error when it does not start.
    SumdbTestServer(const std::string& binary, const std::vector<std::string>& args);
    ~SumdbTestServer();
    SumdbTestServer(const SumdbTestServer&) = delete;
    SumdbTestServer& operator=(const SumdbTestServer&) = delete;

    const std::string& url() const { return url_; }   // http://127.0.0.1:<port>
    const std::string& vkey() const { return vkey_; } // its verifier key
    std::int64_t size() const { return size_; }       // records in its tree

  private:
    pid_t pid_ = -1;
    std::string url_;
    std::string vkey_;
    std::int64_t size_ = 0;
};

} // namespace gover::test
