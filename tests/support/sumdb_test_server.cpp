#include "support/sumdb_test_server.hpp"

#include <csignal>
#include <cstdio>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace gover::test {

SumdbTestServer::SumdbTestServer(const std::string& binary, const std::vector<std::string>& args) {
    int out[2];
    if (::pipe(out) != 0) {
        throw std::runtime_error("pipe failed");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::vector<std::string> words{binary};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& word : words) {
        argv.push_back(word.data());
    }
    argv.push_back(nullptr);
    const int rc = posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    if (rc != 0) {
        ::close(out[0]);
        throw std::runtime_error("cannot start " + binary);
    }
    // "addr <host:port>", "vkey <key>", "size <n>", then the server runs.
    FILE* in = ::fdopen(out[0], "r");
    char line[512];
    for (int i = 0; i < 3 && in && std::fgets(line, sizeof line, in); ++i) {
        std::string text(line);
        if (!text.empty() && text.back() == '\n') {
            text.pop_back();
        }
        if (text.starts_with("addr ")) {
            url_ = "http://" + text.substr(5);
        } else if (text.starts_with("vkey ")) {
            vkey_ = text.substr(5);
        } else if (text.starts_with("size ")) {
            size_ = std::stoll(text.substr(5));
        }
    }
    if (in) {
        std::fclose(in);
    }
    if (url_.empty() || vkey_.empty()) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        throw std::runtime_error(binary + " did not start (see its stderr)");
    }
}

SumdbTestServer::~SumdbTestServer() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
}

} // namespace gover::test
