#pragma once
// What the download tests share: a sink that keeps the body in memory, settings for a server on
// loopback, and a recognisable body of any size.

#include <cstdint>
#include <span>
#include <string>

#include "gover/net/http.hpp"

namespace gover::test {

// Collects the body in memory and counts restarts.
class MemorySink : public DownloadSink {
  public:
    Status write(std::span<const std::byte> bytes) override {
        data.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
        return {};
    }
    Status restart() override {
        ++restarts;
        data.clear();
        return {};
    }
    std::uint64_t bytes_written() const override { return data.size(); }
    std::string data;
    int restarts = 0;
};

// Plain http on loopback (allow_http), short timeouts, and the given back-off budget.
inline TransferSettings loopback_settings(double backoff_seconds, long low_speed_time_seconds) {
    TransferSettings settings;
    settings.allow_http = true;
    settings.backoff_total_seconds = backoff_seconds;
    settings.connect_timeout_seconds = 5;
    settings.low_speed_limit_bytes = 1000;
    settings.low_speed_time_seconds = low_speed_time_seconds;
    return settings;
}

// `size` bytes of counting text: a misplaced or repeated range shows.
inline std::string payload(std::size_t size) {
    std::string text;
    for (std::size_t i = 0; text.size() < size; ++i) {
        text += std::to_string(i) + ",";
    }
    text.resize(size);
    return text;
}

} // namespace gover::test
