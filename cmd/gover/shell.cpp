// Placeholder: `gover shell` is not built yet.
#include "commands.hpp"
#include "output.hpp"

namespace gover::cli {

void add_shell(CLI::App& app, Context& ctx) {
    app.add_subcommand("shell", "(not built yet)")->callback([&ctx] {
        ctx.action = [] {
            return report(Error{ErrorCode::internal, "gover shell is not built yet", ""});
        };
    });
}

} // namespace gover::cli
