// Placeholder: `gover init` is not built yet.
#include "commands.hpp"
#include "output.hpp"

namespace gover::cli {

void add_init(CLI::App& app, Context& ctx) {
    app.add_subcommand("init", "(not built yet)")->callback([&ctx] {
        ctx.action = [] {
            return report(Error{ErrorCode::internal, "gover init is not built yet", ""});
        };
    });
}

} // namespace gover::cli
