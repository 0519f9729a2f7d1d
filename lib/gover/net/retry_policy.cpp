#include "gover/net/retry_policy.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "core/text_lines.hpp"

namespace gover::detail {
namespace {

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<int> number(std::string_view s) {
    int value = 0;
    if (!all_digits(s) || std::from_chars(s.data(), s.data() + s.size(), value).ec != std::errc()) {
        return std::nullopt;
    }
    return value;
}

// "Sun, 06 Nov 1994 08:49:37 GMT" -> seconds since the epoch; locale-independent, no strptime.
std::optional<std::time_t> parse_imf_fixdate(std::string_view s) {
    if (s.size() != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' ||
        s[16] != ' ' || s[19] != ':' || s[22] != ':' || s.substr(25) != " GMT") {
        return std::nullopt;
    }
    static constexpr std::array<std::string_view, 7> days = {"Mon", "Tue", "Wed", "Thu",
                                                             "Fri", "Sat", "Sun"};
    static constexpr std::array<std::string_view, 12> months = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (std::find(days.begin(), days.end(), s.substr(0, 3)) == days.end()) {
        return std::nullopt;
    }
    const auto month = std::find(months.begin(), months.end(), s.substr(8, 3));
    const auto day = number(s.substr(5, 2));
    const auto year = number(s.substr(12, 4));
    const auto hour = number(s.substr(17, 2));
    const auto minute = number(s.substr(20, 2));
    const auto second = number(s.substr(23, 2));
    if (month == months.end() || !day || !year || !hour || !minute || !second || *day < 1 ||
        *day > 31 || *year < 1970 || *hour > 23 || *minute > 59 || *second > 60) {
        return std::nullopt;
    }
    std::tm tm{};
    tm.tm_year = *year - 1900;
    tm.tm_mon = static_cast<int>(month - months.begin());
    tm.tm_mday = *day;
    tm.tm_hour = *hour;
    tm.tm_min = *minute;
    tm.tm_sec = *second;
    const std::time_t when = ::timegm(&tm);
    if (when == static_cast<std::time_t>(-1)) {
        return std::nullopt;
    }
    return when;
}

// The scheduled pause before attempt `next`: later pauses are longer, and all of them add up
// to settings.backoff_total_seconds.
std::chrono::milliseconds scheduled_pause(int next, const TransferSettings& settings) {
    const int retries = settings.max_attempts - 1;
    if (retries <= 0 || next < 2) {
        return std::chrono::milliseconds(0);
    }
    const double weight = double(next - 1) / (double(retries) * (retries + 1) / 2.0);
    return std::chrono::milliseconds(
        static_cast<long>(settings.backoff_total_seconds * weight * 1000.0));
}

} // namespace

std::optional<double> parse_retry_after(std::string_view value, std::time_t now) {
    value = detail::trim_line(value);
    if (all_digits(value)) {
        // More digits than a day needs is "a long time": the budget caps it anyway.
        if (value.size() > 9) {
            return 1e9;
        }
        return static_cast<double>(*number(value));
    }
    if (auto when = parse_imf_fixdate(value)) {
        return *when > now ? static_cast<double>(*when - now) : 0.0;
    }
    return std::nullopt;
}

std::chrono::milliseconds retry_pause(int next, std::optional<double> retry_after,
                                      std::chrono::milliseconds waited,
                                      const TransferSettings& settings) {
    const std::chrono::milliseconds scheduled = scheduled_pause(next, settings);
    std::chrono::milliseconds wanted = scheduled;
    if (retry_after && *retry_after > 0) {
        // Clamp before converting: a huge value must not overflow.
        const double capped = std::min(*retry_after, settings.backoff_total_seconds + 1.0);
        wanted = std::max(wanted, std::chrono::milliseconds(static_cast<long>(capped * 1000.0)));
    }
    const auto budget =
        std::chrono::milliseconds(static_cast<long>(settings.backoff_total_seconds * 1000.0));
    const auto left = std::max(std::chrono::milliseconds(0), budget - waited);
    return std::min(wanted, left);
}

bool retry_after_beyond_budget(std::optional<double> retry_after, std::chrono::milliseconds waited,
                               const TransferSettings& settings) {
    if (!retry_after || *retry_after <= 0) {
        return false;
    }
    const double left =
        settings.backoff_total_seconds - std::chrono::duration<double>(waited).count();
    return *retry_after > left;
}

} // namespace gover::detail
