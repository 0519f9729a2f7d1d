#include "gover/doctor/finding.hpp"

#include "core/selection.hpp"

namespace gover::doctor {

std::string_view severity_name(Severity severity) {
    switch (severity) {
    case Severity::error:
        return "error";
    case Severity::warning:
        return "warning";
    case Severity::info:
        return "info";
    }
    return "info";
}

std::string Repair::describe() const {
    const std::string spec = request ? install_spec(*request) : std::string();
    switch (kind) {
    case Kind::none:
        return "";
    case Kind::refresh_shims:
        return "regenerate the shims";
    case Kind::clean_leftovers:
        return "remove leftovers of interrupted gover runs";
    case Kind::remove: {
        std::string out = "remove";
        for (const auto& p : paths) {
            out += " " + p.string();
        }
        return out;
    }
    case Kind::install:
        return "install Go " + spec + " (`gover install " + spec + "`)";
    case Kind::reinstall:
        return "reinstall Go " + spec + " (`gover install --force " + spec +
               (platform ? " --platform " + platform->str() : std::string()) + "`)";
    case Kind::go_env_unset:
        return "run `go env -u " + variable + "` (now " + variable + "=" + old_value + ")";
    }
    return "";
}

int exit_status(const Findings& findings) {
    for (const auto& f : findings) {
        if (!f.fixed && f.severity != Severity::info) {
            return 1;
        }
    }
    return 0;
}

std::string shell_quote(std::string_view text) {
    const bool plain = !text.empty() &&
                       text.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                              "0123456789_-./:@%+=,") == std::string_view::npos;
    if (plain) {
        return std::string(text);
    }
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    return out + "'";
}

} // namespace gover::doctor
