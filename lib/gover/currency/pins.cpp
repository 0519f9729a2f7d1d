#include "gover/currency/pins.hpp"

namespace gover {

Result<Selection> global_pin(const SelectionEnv& env) {
    // Without GOVER_VERSION and a working directory, only $GOVER_HOME/global can select.
    SelectionEnv only_global = env;
    only_global.gover_version.reset();
    only_global.cwd.reset();
    return select_version(only_global);
}

Result<std::vector<Selection>> pins_here_and_global(const SelectionEnv& env) {
    auto here = select_version(env);
    auto global = global_pin(env);
    if (!here) {
        if (here.error().code != ErrorCode::no_pin || !global) {
            return tl::unexpected(here.error());
        }
        return std::vector<Selection>{*global};
    }
    std::vector<Selection> out{*here};
    if (global && here->source.kind != PinSource::Kind::global) {
        out.push_back(*global);
    } else if (!global && global.error().code != ErrorCode::no_pin) {
        return tl::unexpected(global.error());
    }
    return out;
}

GoVersion judged_version(const Selection& selection) {
    return selection.version.value_or(selection.request.version);
}

} // namespace gover
