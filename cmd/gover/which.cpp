// Placeholder: `gover which` is not built yet.
#include "commands.hpp"
#include "output.hpp"

namespace gover::cli {

void add_which(CLI::App& app, Context& ctx) {
    app.add_subcommand("which", "(not built yet)")->callback([&ctx] {
        ctx.action = [] {
            return report(Error{ErrorCode::internal, "gover which is not built yet", ""});
        };
    });
}

} // namespace gover::cli
