// Placeholder: `gover complete` is not built yet.
#include "commands.hpp"
#include "output.hpp"

namespace gover::cli {

void add_complete(CLI::App& app, Context& ctx) {
    app.add_subcommand("complete", "(not built yet)")->callback([&ctx] {
        ctx.action = [] {
            return report(Error{ErrorCode::internal, "gover complete is not built yet", ""});
        };
    });
}

} // namespace gover::cli
