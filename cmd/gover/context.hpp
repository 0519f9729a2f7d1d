#pragma once
// What every subcommand shares: global flags and the exit status its action leaves behind.

#include <functional>

namespace gover::cli {

struct Context {
    bool quiet = false;
    bool verbose = false;
    // The chosen subcommand's work, run after parsing succeeded; returns the exit status.
    std::function<int()> action;
};

} // namespace gover::cli
