#include "progress.hpp"

#include <cmath>
#include <cstdio>

#include "output.hpp"

namespace gover::cli {

std::string format_bytes(std::uint64_t bytes) {
    char buffer[32];
    if (bytes < 1024) {
        std::snprintf(buffer, sizeof buffer, "%llu B", static_cast<unsigned long long>(bytes));
    } else if (bytes < 1024ull * 1024) {
        std::snprintf(buffer, sizeof buffer, "%.1f KiB", static_cast<double>(bytes) / 1024);
    } else if (bytes < 1024ull * 1024 * 1024) {
        std::snprintf(buffer, sizeof buffer, "%.1f MiB",
                      static_cast<double>(bytes) / (1024.0 * 1024));
    } else {
        std::snprintf(buffer, sizeof buffer, "%.2f GiB",
                      static_cast<double>(bytes) / (1024.0 * 1024 * 1024));
    }
    return buffer;
}

std::string format_duration(double seconds) {
    const long long s = std::llround(seconds);
    char buffer[32];
    if (s < 60) {
        std::snprintf(buffer, sizeof buffer, "%llds", s);
    } else if (s < 3600) {
        std::snprintf(buffer, sizeof buffer, "%lldm%02llds", s / 60, s % 60);
    } else {
        std::snprintf(buffer, sizeof buffer, "%lldh%02lldm", s / 3600, (s % 3600) / 60);
    }
    return buffer;
}

ProgressLine::ProgressLine(std::string label, bool enabled)
    : label_(std::move(label)), enabled_(enabled), start_(std::chrono::steady_clock::now()) {}

void ProgressLine::update(std::uint64_t received, std::uint64_t total) {
    if (!enabled_) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    const bool done = total > 0 && received >= total;
    if (drawn_ && (received == last_received_ ||
                   (!done && now - last_draw_ < std::chrono::milliseconds(100)))) {
        return;
    }
    last_draw_ = now;
    last_received_ = received;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double rate = elapsed > 0.05 ? static_cast<double>(received) / elapsed : 0;
    std::string line = label_ + "  " + format_bytes(received);
    if (total > 0) {
        line += " / " + format_bytes(total);
        char percent[16];
        std::snprintf(
            percent, sizeof percent, " (%d%%)",
            static_cast<int>(100.0 * static_cast<double>(received) / static_cast<double>(total)));
        line += percent;
    }
    if (rate > 0) {
        line += "  " + format_bytes(static_cast<std::uint64_t>(rate)) + "/s";
        if (total > received) {
            line += "  ETA " + format_duration(static_cast<double>(total - received) / rate);
        }
    }
    // \r and "erase to end of line": the line shrinks cleanly when numbers get shorter.
    std::fprintf(stderr, "\r%s\x1b[K", line.c_str());
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressLine::clear() {
    if (drawn_) {
        std::fputs("\r\x1b[K", stderr);
        std::fflush(stderr);
        drawn_ = false;
    }
}

InstallEvents ProgressLine::install_events() {
    InstallEvents events;
    events.progress = [this](std::uint64_t received, std::uint64_t total) {
        update(received, total);
    };
    events.notice = [this](const std::string& text) {
        clear();
        notice(text);
    };
    return events;
}

} // namespace gover::cli
