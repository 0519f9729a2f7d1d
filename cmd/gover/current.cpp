// Placeholder: `gover current` is not built yet.
#include "commands.hpp"
#include "output.hpp"

namespace gover::cli {

void add_current(CLI::App& app, Context& ctx) {
    app.add_subcommand("current", "(not built yet)")->callback([&ctx] {
        ctx.action = [] {
            return report(Error{ErrorCode::internal, "gover current is not built yet", ""});
        };
    });
}

} // namespace gover::cli
