#pragma once
// The install progress line on a terminal: bytes, rate and ETA, redrawn at most ten times a
// second on stderr; when stderr is not a terminal (or with --quiet) it draws nothing.

#include <chrono>
#include <cstdint>
#include <string>

#include "gover/install/install_types.hpp"

namespace gover::cli {

// "12.3 MiB", "512 B".
std::string format_bytes(std::uint64_t bytes);
// "7s", "2m05s", "1h02m".
std::string format_duration(double seconds);

class ProgressLine {
  public:
    ProgressLine(std::string label, bool enabled);
    ~ProgressLine() { clear(); }
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    void update(std::uint64_t received, std::uint64_t total);
    // Erases the line so the next message starts clean.
    void clear();
    // An install's events drawn on this line: progress updates it, a notice clears it first.
    // The line must outlive the install.
    InstallEvents install_events();

  private:
    std::string label_;
    bool enabled_;
    bool drawn_ = false;
    std::uint64_t last_received_ = 0;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_draw_;
};

} // namespace gover::cli
