// A mirror's Retry-After header, read from the network. Properties: never crashes; a value is
// finite and not negative; the pause it leads to never passes the back-off budget, whatever was
// waited before; and a value beyond what is left of the budget is exactly one that is not
// retried.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "gover/net/retry_policy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) {
        return 0;
    }
    // First byte: seconds already waited (0-25.5 s); second: the attempt (2-4); rest: the value.
    const auto waited = std::chrono::milliseconds(data[0] * 100);
    const int next = 2 + data[1] % 3;
    const std::string_view value(reinterpret_cast<const char*>(data + 2), size - 2);
    const std::time_t now = 1700000000; // a fixed clock: dates in the header compare against it
    const auto parsed = gover::detail::parse_retry_after(value, now);
    if (parsed && (!std::isfinite(*parsed) || *parsed < 0)) {
        std::abort();
    }
    gover::TransferSettings settings;
    settings.backoff_total_seconds = 10.0;
    const auto pause = gover::detail::retry_pause(next, parsed, waited, settings);
    const auto budget = std::chrono::milliseconds(10000);
    const auto left = std::max(std::chrono::milliseconds(0), budget - waited);
    if (pause.count() < 0 || pause > left) {
        std::abort();
    }
    // Beyond the budget means the server asked for more than any pause here can give.
    if (gover::detail::retry_after_beyond_budget(parsed, waited, settings) &&
        !(parsed && *parsed * 1000.0 > static_cast<double>(left.count()))) {
        std::abort();
    }
    return 0;
}
