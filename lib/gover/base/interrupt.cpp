#include "gover/base/interrupt.hpp"

#include <atomic>
#include <csignal>

namespace gover {
namespace {

std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "the handler must be async-signal-safe");

extern "C" void record_signal(int sig) {
    g_signal.store(sig, std::memory_order_relaxed);
}

} // namespace

void install_interrupt_handlers() {
    struct sigaction action {};
    action.sa_handler = record_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

int interrupt_signal() {
    return g_signal.load(std::memory_order_relaxed);
}

void reset_interrupt() {
    g_signal.store(0, std::memory_order_relaxed);
}

} // namespace gover
