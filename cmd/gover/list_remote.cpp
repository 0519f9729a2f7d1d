// Placeholder: `gover list-remote` is not built yet.
#include "commands.hpp"
#include "output.hpp"

namespace gover::cli {

void add_list_remote(CLI::App& app, Context& ctx) {
    app.add_subcommand("list-remote", "(not built yet)")->callback([&ctx] {
        ctx.action = [] {
            return report(Error{ErrorCode::internal, "gover list-remote is not built yet", ""});
        };
    });
}

} // namespace gover::cli
