#include "core/selection.hpp"

#include <cstdlib>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

#include "core/installed.hpp"
#include "core/pin_file_formats.hpp"

namespace gover {
namespace {

// go.dev names a release without its ".0" before Go 1.21 (go1.20); versions/ uses that name.
GoVersion canonical_release(const GoVersion& v) {
    if (v.patch() == "0" && !v.is_prerelease()) {
        auto short_form = GoVersion::parse(v.major() + "." + v.minor());
        if (short_form && *short_form == v) {
            return *short_form;
        }
    }
    return v;
}

// Resolves requests against the store, listing versions/ at most once per selection.
class InstalledLookup {
  public:
    explicit InstalledLookup(const Layout& layout) : layout_(layout) {}

    std::optional<GoVersion> resolve(const VersionRequest& request) {
        switch (request.kind) {
        case VersionRequest::Kind::system:
            return std::nullopt;
        case VersionRequest::Kind::exact: {
            // One stat instead of a directory listing: the common case in the shim.
            const GoVersion name = canonical_release(request.version);
            if (is_installed(layout_, name)) {
                return name;
            }
            return std::nullopt;
        }
        default:
            if (!list_) {
                list_ = installed_versions(layout_);
            }
            return gover::resolve(request, *list_, PrereleaseFallback::yes);
        }
    }

  private:
    const Layout& layout_;
    std::optional<std::vector<GoVersion>> list_;
};

std::string join(const std::string& dir, std::string_view name) {
    return dir == "/" ? "/" + std::string(name) : dir + "/" + std::string(name);
}

// "/a/b/c", "/a/b", "/a", "/": where a walk up from `dir` looks.
std::vector<std::string> ancestors(const std::string& dir) {
    std::vector<std::string> out{dir};
    std::string d = dir;
    while (d != "/" && !d.empty()) {
        const auto slash = d.rfind('/');
        d = slash == 0 || slash == std::string::npos ? "/" : d.substr(0, slash);
        out.push_back(d);
    }
    return out;
}

Selection from_pin_line(const PinLine& pins, PinSource source, InstalledLookup& lookup) {
    Selection s;
    s.source = std::move(source);
    s.candidates = pins.pins;
    for (const auto& pin : pins.pins) {
        if (pin.kind == VersionRequest::Kind::system) {
            s.request = pin;
            return s;
        }
        if (auto v = lookup.resolve(pin)) {
            s.request = pin;
            s.version = v;
            return s;
        }
    }
    s.request = pins.pins.front(); // none installed: the first is "pinned but not installed"
    return s;
}

Result<std::optional<Selection>> from_env_var(const std::string& value, InstalledLookup& lookup) {
    std::string_view text = value;
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    if (text.empty()) {
        return std::nullopt; // blank, like empty: no pin (a shell's `GOVER_VERSION=" "`)
    }
    auto pin = parse_pin(text);
    if (!pin) {
        return fail(ErrorCode::bad_pin, "GOVER_VERSION: " + pin.error().message,
                    "set it to a version like 1.22.5, or run 'gover shell --unset'");
    }
    PinLine line{"", {std::string(text)}, {*pin}, 0};
    return from_pin_line(line, PinSource{PinSource::Kind::env_var, "GOVER_VERSION", 0}, lookup);
}

// Step 2: the nearest directory with a pin file that pins (k_pin_files, in its order).
Result<std::optional<Selection>> from_directory_walk(const std::string& cwd,
                                                     InstalledLookup& lookup) {
    for (const auto& dir : ancestors(cwd)) {
        for (const auto& format : k_pin_files) {
            const std::string path = join(dir, format.name);
            auto text = read_regular_file(path, k_max_pin_file_bytes);
            if (!text) {
                return tl::unexpected(text.error());
            }
            if (!*text) {
                continue;
            }
            auto line = format.parse(**text, path);
            if (!line) {
                return tl::unexpected(line.error());
            }
            if (*line) {
                PinSource source{format.kind, path, (*line)->line};
                return from_pin_line(**line, std::move(source), lookup);
            }
        }
    }
    return std::optional<Selection>{};
}

Result<std::optional<Selection>> from_global(const Layout& layout, InstalledLookup& lookup) {
    const std::string path = layout.global_file().string();
    auto text = read_regular_file(path, k_max_pin_file_bytes);
    if (!text) {
        return tl::unexpected(text.error());
    }
    if (!*text) {
        return std::optional<Selection>{};
    }
    auto line = parse_version_file(**text, path);
    if (!line) {
        return tl::unexpected(line.error());
    }
    return from_pin_line(*line, PinSource{PinSource::Kind::global, path, line->line}, lookup);
}

// The nearest `name` walking up from cwd, parsed; nullopt when none holds a requirement.
Result<std::optional<ModuleMinimum>>
nearest_module_file(const std::string& cwd, std::string_view name, ModuleFileKind kind) {
    for (const auto& dir : ancestors(cwd)) {
        const std::string path = join(dir, name);
        auto text = read_regular_file(path, k_max_module_file_bytes);
        if (!text) {
            return tl::unexpected(text.error());
        }
        if (!*text) {
            continue;
        }
        auto req = parse_module_file(**text, path, kind);
        if (!req) {
            return tl::unexpected(req.error());
        }
        if (!*req) {
            return std::optional<ModuleMinimum>{};
        }
        const auto source_kind =
            kind == ModuleFileKind::go_work ? PinSource::Kind::go_work : PinSource::Kind::go_mod;
        return ModuleMinimum{**req, PinSource{source_kind, path, (*req)->line}};
    }
    return std::optional<ModuleMinimum>{};
}

} // namespace

SelectionEnv SelectionEnv::from_env(Layout layout, const EnvLookup& env) {
    return SelectionEnv{std::move(layout), env("GOVER_VERSION"), env("GOWORK"),
                        current_directory(env)};
}

SelectionEnv SelectionEnv::from_process(Layout layout) {
    return from_env(std::move(layout), process_env());
}

std::string install_spec(const GoVersion& version) {
    return install_spec(VersionRequest{VersionRequest::Kind::exact, version});
}

std::string install_spec(const VersionRequest& request) {
    switch (request.kind) {
    case VersionRequest::Kind::latest:
        return "latest";
    case VersionRequest::Kind::system:
        return "system";
    case VersionRequest::Kind::series:
        return request.version.str();
    case VersionRequest::Kind::exact:
    case VersionRequest::Kind::minimum:
        break;
    }
    const GoVersion& v = request.version;
    if (v.is_prerelease() || !v.patch().empty()) {
        return v.str();
    }
    // A bare 1.20 is the go1.20 release; as a spec it would mean the newest 1.20.x.
    return v.minor().empty() ? v.str() + ".0.0" : v.str() + ".0";
}

VersionRequest install_request(const VersionRequest& pin) {
    if (pin.kind == VersionRequest::Kind::minimum) {
        return VersionRequest{VersionRequest::Kind::exact, pin.version};
    }
    return pin;
}

std::optional<GoVersion> resolve_installed(const Layout& layout, const VersionRequest& request) {
    InstalledLookup lookup(layout);
    return lookup.resolve(request);
}

std::string Selection::version_text() const {
    if (version) {
        return version->str();
    }
    return is_system() ? "system" : request.version.str();
}

std::string Selection::install_command() const {
    return "gover install " + install_spec(request);
}

Error Selection::not_installed_error() const {
    std::string what = "Go ";
    switch (request.kind) {
    case VersionRequest::Kind::series:
        what += request.version.str() + ".x";
        break;
    case VersionRequest::Kind::minimum:
        what += request.version.str() + " or newer";
        break;
    default:
        what += request.version.str();
        break;
    }
    if (candidates.size() > 1) {
        what += " (or a fallback:";
        for (std::size_t i = 1; i < candidates.size(); ++i) {
            what += " " + candidates[i].version.str();
        }
        what += ")";
    }
    return Error{ErrorCode::not_installed, what + ", " + source.phrase() + ", is not installed",
                 "run '" + install_command() + "'"};
}

Result<std::optional<ModuleMinimum>> find_module_minimum(const SelectionEnv& env) {
    if (!env.cwd) {
        return std::optional<ModuleMinimum>{};
    }
    const std::string gowork = env.gowork.value_or("");
    if (gowork != "off") {
        Result<std::optional<ModuleMinimum>> work = std::optional<ModuleMinimum>{};
        if (!gowork.empty() && gowork != "auto" && gowork[0] == '/') {
            // An explicit workspace file. cmd/go rejects a relative GOWORK outright; gover
            // walks up for go.work instead rather than refuse to run anything.
            auto text = read_regular_file(gowork, k_max_module_file_bytes);
            if (!text) {
                return tl::unexpected(text.error());
            }
            if (*text) {
                auto req = parse_module_file(**text, gowork, ModuleFileKind::go_work);
                if (!req) {
                    return tl::unexpected(req.error());
                }
                if (*req) {
                    work = ModuleMinimum{**req, {PinSource::Kind::go_work, gowork, (*req)->line}};
                }
            }
        } else {
            work = nearest_module_file(*env.cwd, "go.work", ModuleFileKind::go_work);
        }
        if (!work || *work) {
            return work;
        }
        // A workspace naming no Go version says nothing: the module's go line still does.
    }
    return nearest_module_file(*env.cwd, "go.mod", ModuleFileKind::go_mod);
}

Result<Selection> select_version(const SelectionEnv& env) {
    InstalledLookup lookup(env.layout);
    if (env.gover_version && !env.gover_version->empty()) {
        auto s = from_env_var(*env.gover_version, lookup);
        if (!s || *s) {
            return s ? Result<Selection>(std::move(**s)) : tl::unexpected(s.error());
        }
    }
    // Rows 2-4 pass over what they cannot read; the shim and `current` say so.
    const auto unread = env.cwd ? find_unread_directory(*env.cwd) : std::nullopt;
    auto noting = [&unread](Selection s) {
        s.unread = unread;
        return Result<Selection>(std::move(s));
    };
    if (env.cwd) {
        auto s = from_directory_walk(*env.cwd, lookup);
        if (!s || *s) {
            return s ? noting(std::move(**s)) : tl::unexpected(s.error());
        }
    }
    if (auto s = from_global(env.layout, lookup); !s || *s) {
        return s ? noting(std::move(**s)) : tl::unexpected(s.error());
    }
    auto module = find_module_minimum(env);
    if (!module) {
        return tl::unexpected(module.error());
    }
    if (*module) {
        Selection s;
        s.request = VersionRequest{VersionRequest::Kind::minimum, (*module)->requirement.minimum};
        s.source = (*module)->source;
        s.candidates = {s.request};
        s.version = lookup.resolve(s.request);
        return noting(std::move(s));
    }
    return fail(ErrorCode::no_pin,
                "no Go version is selected in " + env.cwd.value_or("this directory") +
                    ": no GOVER_VERSION, " + pin_file_names(", ") + ", global pin or go.mod" +
                    (unread ? "; " + unread->message() : std::string()),
                "pin one with 'gover use <spec>' here, or 'gover use <spec> --global'");
}

} // namespace gover
