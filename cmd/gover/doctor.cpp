// Placeholder: `gover doctor` is not built yet.
#include "commands.hpp"
#include "output.hpp"

namespace gover::cli {

void add_doctor(CLI::App& app, Context& ctx) {
    app.add_subcommand("doctor", "(not built yet)")->callback([&ctx] {
        ctx.action = [] {
            return report(Error{ErrorCode::internal, "gover doctor is not built yet", ""});
        };
    });
}

} // namespace gover::cli
