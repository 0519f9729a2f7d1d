// Placeholder: `gover uninstall` is not built yet.
#include "commands.hpp"
#include "output.hpp"

namespace gover::cli {

void add_uninstall(CLI::App& app, Context& ctx) {
    app.add_subcommand("uninstall", "(not built yet)")->callback([&ctx] {
        ctx.action = [] {
            return report(Error{ErrorCode::internal, "gover uninstall is not built yet", ""});
        };
    });
}

} // namespace gover::cli
