// Placeholder: `gover exec` is not built yet.
#include "commands.hpp"
#include "output.hpp"

namespace gover::cli {

void add_exec(CLI::App& app, Context& ctx) {
    app.add_subcommand("exec", "(not built yet)")->callback([&ctx] {
        ctx.action = [] {
            return report(Error{ErrorCode::internal, "gover exec is not built yet", ""});
        };
    });
}

} // namespace gover::cli
