#pragma once
// The one table of commands: each cmd/gover/<command>.cpp has an add_<command> that registers
// its options and sets ctx.action; app.cpp registers every row of k_commands, in this order
// (the order of `gover --help`). A new command is a new file and one row here.

#include <CLI/CLI.hpp>

#include "context.hpp"

namespace gover::cli {

// For options whose absence means a default (--platform: this machine): an empty value given on
// purpose is a usage error, not the default in disguise.
inline CLI::Validator non_empty_value() {
    return CLI::Validator(
        [](std::string& value) { return value.empty() ? std::string("an empty value") : ""; }, "",
        "non-empty");
}

void add_install(CLI::App& app, Context& ctx);
void add_uninstall(CLI::App& app, Context& ctx);
void add_list(CLI::App& app, Context& ctx);
void add_list_remote(CLI::App& app, Context& ctx);
void add_use(CLI::App& app, Context& ctx);
void add_current(CLI::App& app, Context& ctx);
void add_which(CLI::App& app, Context& ctx);
void add_exec(CLI::App& app, Context& ctx);
void add_shell(CLI::App& app, Context& ctx);
void add_init(CLI::App& app, Context& ctx);
void add_outdated(CLI::App& app, Context& ctx);
void add_upgrade(CLI::App& app, Context& ctx);
void add_import(CLI::App& app, Context& ctx);
void add_doctor(CLI::App& app, Context& ctx);
void add_complete(CLI::App& app, Context& ctx);

using AddCommand = void (*)(CLI::App& app, Context& ctx);

inline constexpr AddCommand k_commands[] = {
    add_install,  add_uninstall, add_list,   add_list_remote, add_use,
    add_outdated, add_upgrade,   add_import, add_current,     add_which,
    add_exec,     add_shell,     add_init,   add_doctor,      add_complete,
};

} // namespace gover::cli
