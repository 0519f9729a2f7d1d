// `gover doctor [--json] [--fix [--yes]]` (README "Troubleshooting"): every known cause of a broken
// Go setup, what is wrong, why it breaks Go and the exact fix; --fix repairs what is gover's own.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <unistd.h>

#include "commands.hpp"
#include "core/environment.hpp"
#include "gover/base/interrupt.hpp"
#include "gover/doctor/doctor.hpp"
#include "gover/doctor/real_system.hpp"
#include "gover/doctor/report_json.hpp"
#include "output.hpp"

namespace gover::cli {
namespace {

struct DoctorOptions {
    bool json = false;
    bool fix = false;
    bool yes = false;
};

// Findings go to stdout: colour only when that is a terminal, never with NO_COLOR.
bool stdout_colour() {
    return isatty(STDOUT_FILENO) == 1 && process_env_value("NO_COLOR").empty();
}

struct Style {
    bool on = false;
    std::string paint(const std::string& text, const char* code) const {
        return on ? "\033[" + std::string(code) + "m" + text + "\033[0m" : text;
    }
};

void print_group(std::string& out, const Style& style, const char* title, const char* colour,
                 const std::vector<const doctor::Finding*>& group) {
    if (group.empty()) {
        return;
    }
    if (!out.empty()) {
        out += "\n";
    }
    out +=
        style.paint(std::string(title) + " (" + std::to_string(group.size()) + ")", colour) + "\n";
    for (const auto* f : group) {
        out += "  " + style.paint("[" + f->check + "]", colour) + " " + f->message + "\n";
        out += "    " + style.paint("fix:", "2") + " " + f->fix + "\n";
    }
}

std::string plural(std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

void print_human(const doctor::Findings& findings) {
    const Style style{stdout_colour()};
    std::vector<const doctor::Finding*> fixed, errors, warnings, infos;
    for (const auto& f : findings) {
        if (f.fixed) {
            fixed.push_back(&f);
        } else if (f.severity == doctor::Severity::error) {
            errors.push_back(&f);
        } else if (f.severity == doctor::Severity::warning) {
            warnings.push_back(&f);
        } else {
            infos.push_back(&f);
        }
    }
    std::string out;
    print_group(out, style, "Fixed", "32", fixed);
    print_group(out, style, "Errors", "1;31", errors);
    print_group(out, style, "Warnings", "1;33", warnings);
    print_group(out, style, "Info", "36", infos);
    print(out);
    std::fflush(stdout);
    if (errors.empty() && warnings.empty() && infos.empty()) {
        notice(fixed.empty() ? "gover doctor: no problems found"
                             : "gover doctor: everything found was fixed");
    } else {
        notice("gover doctor: " + plural(errors.size(), "error") + ", " +
               plural(warnings.size(), "warning") + ", " + std::to_string(infos.size()) + " info" +
               (fixed.empty() ? "" : ", " + std::to_string(fixed.size()) + " fixed"));
    }
}

// Installs and `go env -u` are asked first: --yes, or a yes typed at a terminal.
bool confirm(const doctor::Finding& finding, bool yes) {
    if (yes) {
        return true;
    }
    if (isatty(STDIN_FILENO) != 1 || isatty(STDERR_FILENO) != 1) {
        return false;
    }
    const std::string question = "gover doctor: " + finding.repair.describe() + "? [y/N] ";
    std::fputs(question.c_str(), stderr);
    std::fflush(stderr);
    std::string answer;
    if (!std::getline(std::cin, answer)) {
        return false;
    }
    return !answer.empty() && (answer[0] == 'y' || answer[0] == 'Y');
}

int run_doctor(const DoctorOptions& options) {
    doctor::RealSystem sys;
    if (!options.fix) {
        auto findings = doctor::diagnose(sys);
        if (!findings) {
            return report(findings.error());
        }
        if (options.json) {
            print(doctor::findings_to_json(*findings, doctor::WithFixed::no));
        } else {
            print_human(*findings);
        }
        return doctor::exit_status(*findings);
    }
    install_interrupt_handlers();
    doctor::FixCallbacks callbacks;
    callbacks.confirm = [&](const doctor::Finding& f) { return confirm(f, options.yes); };
    callbacks.notice = [](const std::string& text) { notice("gover doctor: " + text); };
    auto outcome = doctor::diagnose_and_fix(sys, callbacks);
    if (!outcome) {
        return report(outcome.error());
    }
    if (const int sig = interrupt_signal(); sig != 0) {
        return 128 + sig;
    }
    for (const auto& what : outcome->declined) {
        warn("not done without a confirmation: " + what +
             " (run 'gover doctor --fix --yes' to do it)");
    }
    if (options.json) {
        print(doctor::findings_to_json(outcome->findings, doctor::WithFixed::yes));
    } else {
        print_human(outcome->findings);
    }
    return doctor::exit_status(outcome->findings);
}

} // namespace

void add_doctor(CLI::App& app, Context& ctx) {
    auto options = std::make_shared<DoctorOptions>();
    auto* cmd = app.add_subcommand("doctor", "Find what breaks Go here and say how to fix it");
    cmd->add_flag("--json", options->json,
                  "Print a JSON array of {\"check\", \"severity\", \"message\", \"fix\"}");
    auto* fix = cmd->add_flag("--fix", options->fix,
                              "Repair what is gover's own (shims, leftovers; installs and "
                              "`go env -u` after a confirmation), then check again");
    cmd->add_flag("--yes", options->yes, "Confirm the --fix repairs that ask first")->needs(fix);
    cmd->footer("Exit status: 0 when nothing worse than info was found, 1 otherwise.\n\n"
                "Examples:\n"
                "  gover doctor               # what is wrong, why, and the fix\n"
                "  gover doctor --json        # the same, for scripts\n"
                "  gover doctor --fix --yes   # repair what gover can, without asking");
    cmd->callback([&ctx, options] { ctx.action = [options] { return run_doctor(*options); }; });
}

} // namespace gover::cli
