// Placeholder: `gover install` is not built yet.
#include "commands.hpp"
#include "output.hpp"

namespace gover::cli {

void add_install(CLI::App& app, Context& ctx) {
    app.add_subcommand("install", "(not built yet)")->callback([&ctx] {
        ctx.action = [] {
            return report(Error{ErrorCode::internal, "gover install is not built yet", ""});
        };
    });
}

} // namespace gover::cli
