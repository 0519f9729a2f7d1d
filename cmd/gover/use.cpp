// Placeholder: `gover use` is not built yet.
#include "commands.hpp"
#include "output.hpp"

namespace gover::cli {

void add_use(CLI::App& app, Context& ctx) {
    app.add_subcommand("use", "(not built yet)")->callback([&ctx] {
        ctx.action = [] {
            return report(Error{ErrorCode::internal, "gover use is not built yet", ""});
        };
    });
}

} // namespace gover::cli
