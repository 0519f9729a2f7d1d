// gover-shim: `go`, `gofmt`, ... and `go1.X.Y` in $GOVER_HOME/shims are links to this program
// (README "How it works"). It takes the tool from argv[0] (a go1.X.Y name from the exec'd path, see
// shim_support.hpp), selects the version (README "Which version runs"), sets GOROOT and
// GOTOOLCHAIN, and execs versions/<v>/bin/<tool> in place: no child process, no shell, so
// arguments, stdio, exit status and signals are the tool's own. Every failure exits 127 with one
// `gover: error: ...` line. No iostreams and few system calls (bench/shim.sh counts them): it runs
// on every `go` command.
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <unistd.h>

#include "core/layout.hpp"
#include "core/selection.hpp"
#include "core/spec.hpp"
#include "core/tool_exec.hpp"
#include "shim_support.hpp"

namespace {

using gover::Error;
using gover::ErrorCode;
using gover::GoVersion;
using gover::Layout;

// What to do for this call: exec a file, or report what is missing.
struct Plan {
    std::string path;                 // the program to exec
    std::optional<GoVersion> version; // the toolchain (not for system)
    bool system = false;
    std::string missing_spec; // set when the version is not installed: what to install
    Error missing;            // ... and how to say so
};

gover::Result<Plan> plan_for_version(const Layout& layout, const gover::ToolName& name) {
    Plan plan;
    const gover::VersionRequest exact{gover::VersionRequest::Kind::exact, *name.pinned};
    plan.version = gover::resolve_installed(layout, exact);
    if (!plan.version) {
        plan.missing_spec = gover::install_spec(exact);
        plan.missing = Error{ErrorCode::not_installed,
                             "Go " + name.pinned->str() + " is not installed (the " +
                                 name.pinned->toolchain_name() + " command runs exactly it)",
                             "run 'gover install " + plan.missing_spec + "'"};
        return plan;
    }
    plan.path = gover::tool_path(layout, *plan.version, name.tool);
    return plan;
}

gover::Result<Plan> plan_for_selection(const Layout& layout, const gover::ToolName& name) {
    auto selection = gover::select_version(gover::SelectionEnv::from_process(layout));
    if (!selection) {
        return tl::unexpected(selection.error());
    }
    if (selection->unread) {
        gover::shim::warn(selection->unread->message() + ": using the Go " +
                          selection->source.phrase());
    }
    Plan plan;
    if (selection->is_system()) {
        const char* path_env = std::getenv("PATH");
        auto found = gover::find_system_tool(name.tool, path_env ? path_env : "", layout);
        if (!found) {
            return gover::fail(ErrorCode::not_found,
                               "no " + name.tool + " on PATH outside gover's shims (system is " +
                                   selection->source.phrase() + ")",
                               "install Go system-wide, or pin a version with 'gover use <spec>'");
        }
        plan.system = true;
        plan.path = std::move(*found);
        return plan;
    }
    if (!selection->version) {
        plan.missing_spec = gover::install_spec(selection->request);
        plan.missing = selection->not_installed_error();
        return plan;
    }
    plan.version = selection->version;
    plan.path = gover::tool_path(layout, *plan.version, name.tool);
    return plan;
}

[[noreturn]] void exec_plan(const Layout& layout, const Plan& plan, const std::string& tool,
                            char** argv) {
    if (plan.system) {
        const std::string pid = std::to_string(::getpid());
        // A shim exec'd straight back into a shim (same pid): the system tool is a disguised
        // shim or a script that execs `go`. Refuse instead of looping forever.
        const char* marker = std::getenv(gover::k_shim_pid_variable);
        if (marker != nullptr && pid == marker) {
            gover::shim::die(
                Error{ErrorCode::not_found,
                      "the system " + tool + " (" + plan.path + ") runs a gover shim again",
                      "put a real Go toolchain on PATH, or pin a version with "
                      "'gover use <spec>'"});
        }
        ::setenv(gover::k_shim_pid_variable, pid.c_str(), 1);
        gover::shim::enter_nested_run("`system`", plan.path);
    } else {
        gover::shim::enter_nested_run("Go " + plan.version->str() + "'s " + tool, plan.path);
        for (const auto& [key, value] :
             gover::toolchain_environment(layout, *plan.version, std::getenv("GOTOOLCHAIN"))) {
            ::setenv(key.c_str(), value.c_str(), 1);
        }
    }
    ::execv(plan.path.c_str(), argv);
    const int err = errno;
    if (err == ENOENT && plan.version &&
        ::access(layout.version_dir(*plan.version).c_str(), F_OK) != 0) {
        // An uninstall renamed the toolchain away between selection and exec: not installed
        // (any more), not a toolchain without this command.
        gover::shim::die(Error{ErrorCode::not_installed,
                               "Go " + plan.version->str() + " is not installed (removed while " +
                                   tool + " was starting)",
                               "run 'gover install " + gover::install_spec(*plan.version) + "'"});
    }
    if (err == ENOENT && plan.version) {
        gover::shim::die(Error{
            ErrorCode::not_found,
            "Go " + plan.version->str() + " has no " + tool + " command (no " + plan.path + ")",
            "see " + gover::tool_path(layout, *plan.version, "") + " for its commands"});
    }
    gover::shim::die(Error{ErrorCode::io, "cannot run " + plan.path + ": " + std::strerror(err),
                           "check that it is an executable for this machine"});
}

} // namespace

#ifdef __APPLE__
int main(int argc, char** argv, char** envp, char** apple) {
#else
int main(int argc, char** argv, char** envp) {
    char** apple = nullptr;
#endif
    (void)argc;
    (void)envp;
    const std::string_view name = gover::shim::tool_name(argv[0], gover::shim::exec_path(apple));
    if (name == "gover-shim" || name.empty()) {
        gover::shim::die(Error{ErrorCode::usage,
                               "gover-shim runs as a link named after a Go command (go, gofmt)",
                               "run 'gover exec -- <command>' to run one directly"});
    }
    auto layout = Layout::from_environment();
    if (!layout) {
        gover::shim::die(layout.error());
    }
    const gover::ToolName tool = gover::parse_tool_name(name);
    for (int attempt = 0;; ++attempt) {
        auto plan =
            tool.pinned ? plan_for_version(*layout, tool) : plan_for_selection(*layout, tool);
        if (!plan) {
            gover::shim::die(plan.error());
        }
        if (plan->missing_spec.empty()) {
            exec_plan(*layout, *plan, tool.tool, argv);
        }
        if (attempt > 0 || !gover::shim::auto_install_enabled()) {
            gover::shim::die(plan->missing);
        }
        if (auto installed = gover::shim::run_gover_install(*layout, plan->missing_spec);
            !installed) {
            gover::shim::die(installed.error());
        }
    }
}
