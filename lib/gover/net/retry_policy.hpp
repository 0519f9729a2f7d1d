#pragma once
// When to try a transient failure again (README "How it works": at most 3 attempts in all, within
// about 10 s of back-off). A server's Retry-After on 429/503 is honoured, but only up to what is
// left of the back-off budget: gover never waits longer in all than the budget says, and a server
// asking for longer than that is not retried at all.

#include <chrono>
#include <ctime>
#include <optional>
#include <string_view>

#include "gover/net/http.hpp"

namespace gover::detail {

// The seconds a Retry-After header value asks for: delta-seconds ("120") or an IMF-fixdate
// ("Wed, 21 Oct 2015 07:28:00 GMT", RFC 9110 §10.2.3) counted from `now`; a date in the past is
// 0. nullopt for anything else (the other, obsolete date forms included): the normal back-off.
std::optional<double> parse_retry_after(std::string_view value, std::time_t now);

// The pause before attempt `next` (2, 3, ...), `waited` having been spent on earlier pauses.
// Without retry_after: the schedule, later pauses longer, all adding up to
// settings.backoff_total_seconds. With it: at least the schedule, up to retry_after, but never
// past the budget's end.
std::chrono::milliseconds retry_pause(int next, std::optional<double> retry_after,
                                      std::chrono::milliseconds waited,
                                      const TransferSettings& settings);

// Whether the server's Retry-After asks for longer than what is left of the back-off budget
// after `waited`: then no retry within the budget can be one it accepts.
bool retry_after_beyond_budget(std::optional<double> retry_after, std::chrono::milliseconds waited,
                               const TransferSettings& settings);

} // namespace gover::detail
