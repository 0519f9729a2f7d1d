#pragma once
// SIGINT and SIGTERM during an install or uninstall: the handler only records the signal; the
// work polls interrupted(), cleans up what it made and returns ErrorCode::interrupted. The CLI
// then exits 128 + the signal (130 for SIGINT, 143 for SIGTERM, README "Commands" and README "How
// it works").

namespace gover {

// Installs the recording handler for SIGINT and SIGTERM (no SA_RESTART, so a blocking wait such
// as flock returns EINTR and gets to look at the flag).
void install_interrupt_handlers();

// The signal that arrived (SIGINT or SIGTERM), or 0.
int interrupt_signal();
inline bool interrupted() {
    return interrupt_signal() != 0;
}

// For tests: forget a recorded signal.
void reset_interrupt();

} // namespace gover
