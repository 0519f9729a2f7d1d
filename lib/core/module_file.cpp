// go.mod / go.work: the `go` and `toolchain` lines, found the way cmd/go's modfile lexer finds
// them (golang.org/x/mod/modfile): `//` comments anywhere, ( ) blocks, quoted strings, CRLF.
#include <optional>
#include <string>

#include "core/text_lines.hpp"
#include "core/version_files.hpp"

namespace gover {
namespace {

bool is_punct(char c) {
    return c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == ',';
}

// One line's tokens, as modfile's lexer splits them; a comment ends the line.
std::vector<std::string_view> tokens(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < line.size()) {
        const char c = line[i];
        if (detail::is_blank(c)) {
            ++i;
            continue;
        }
        if (line.substr(i).starts_with("//")) {
            break;
        }
        const std::size_t start = i;
        if (is_punct(c)) {
            ++i;
        } else if (c == '"' || c == '`') {
            for (++i; i < line.size() && line[i] != c; ++i) {
                i += (c == '"' && line[i] == '\\') ? 1 : 0;
            }
            i = std::min(i + 1, line.size());
        } else {
            while (i < line.size() && !detail::is_blank(line[i]) && !is_punct(line[i]) &&
                   !line.substr(i).starts_with("//")) {
                ++i;
            }
        }
        out.push_back(line.substr(start, i - start));
    }
    return out;
}

// cmd/go treats `go 1.22` as the language version 1.22, met by 1.22.0 and later releases;
// gover needs a release to install, so the minimum is 1.22.0 (README "Which version runs"). None
// when that release would not be a valid version (the name would pass the length limit).
std::optional<GoVersion> release_floor(const GoVersion& v) {
    if (!v.is_language_version()) {
        return v;
    }
    if (auto floor = GoVersion::parse(v.str() + ".0")) {
        return *floor;
    }
    return std::nullopt;
}

struct Directive {
    std::optional<GoVersion> version;
    int line = 0;
    bool seen = false;
};

class ModuleParser {
  public:
    explicit ModuleParser(std::string_view path) : path_(path) {}

    Status take(std::string_view verb, const std::vector<std::string_view>& args, int line) {
        if (verb == "go") {
            return take_go(args, line);
        }
        if (verb == "toolchain") {
            return take_toolchain(args, line);
        }
        return {};
    }

    const Directive& go() const { return go_; }
    const Directive& toolchain() const { return toolchain_; }

  private:
    tl::unexpected<Error> bad(int line, const std::string& what) const {
        return tl::unexpected(Error{ErrorCode::bad_pin,
                                    std::string(path_) + ":" + std::to_string(line) + ": " + what,
                                    "fix the line, e.g. with 'go mod edit -go=1.22.0'"});
    }

    Status check_once(Directive& d, std::string_view verb, std::size_t args, int line) const {
        if (d.seen) {
            return bad(line, "repeated " + std::string(verb) + " line (the first is line " +
                                 std::to_string(d.line) + ")");
        }
        if (args != 1) {
            return bad(line, "the " + std::string(verb) + " line needs exactly one version");
        }
        d.seen = true;
        d.line = line;
        return {};
    }

    Status take_go(const std::vector<std::string_view>& args, int line) {
        if (auto ok = check_once(go_, "go", args.size(), line); !ok) {
            return ok;
        }
        // modfile's GoVersionRE: 1.N, 1.N.P, optionally a pre-release; no "go" prefix.
        auto v = GoVersion::parse(args[0]);
        std::optional<GoVersion> floor = v ? release_floor(*v) : std::nullopt;
        if (!floor || args[0].starts_with("go") || v->minor().empty()) {
            return bad(line, "invalid go version '" + std::string(args[0]) +
                                 "': must look like 1.22 or 1.22.0");
        }
        go_.version = floor;
        return {};
    }

    Status take_toolchain(const std::vector<std::string_view>& args, int line) {
        if (auto ok = check_once(toolchain_, "toolchain", args.size(), line); !ok) {
            return ok;
        }
        if (args[0] == "default") {
            return {}; // means "no toolchain line" to cmd/go
        }
        auto v = GoVersion::parse_toolchain(args[0]);
        std::optional<GoVersion> floor = v ? release_floor(*v) : std::nullopt;
        if (!floor || !args[0].starts_with("go1")) {
            return bad(line,
                       "invalid toolchain '" + std::string(args[0]) + "': must look like go1.22.0");
        }
        toolchain_.version = floor;
        return {};
    }

    std::string_view path_;
    Directive go_;
    Directive toolchain_;
};

} // namespace

Result<std::optional<ModuleRequirement>>
parse_module_file(std::string_view text, std::string_view path, ModuleFileKind kind) {
    if (auto line = detail::first_nul_line(text)) {
        return fail(ErrorCode::bad_pin,
                    std::string(path) + ":" + std::to_string(*line) +
                        ": binary data, not a Go module file",
                    "restore the file from version control");
    }
    ModuleParser parser(path);
    std::string_view block_verb;
    bool in_block = false;
    for (detail::LineCursor lines(text); lines.next();) {
        auto toks = tokens(lines.line());
        if (toks.empty()) {
            continue;
        }
        std::string_view verb;
        if (in_block) {
            if (toks[0] == ")") {
                in_block = false;
                continue;
            }
            verb = block_verb; // `go ( 1.22 )` is legal, if odd: each line is the verb's args
        } else if (toks.size() >= 2 && toks.back() == "(") {
            in_block = true;
            block_verb = toks[0];
            continue;
        } else {
            verb = toks[0];
            toks.erase(toks.begin());
        }
        if (auto ok = parser.take(verb, toks, lines.number()); !ok) {
            return tl::unexpected(ok.error());
        }
    }
    const Directive& go = parser.go();
    const Directive& tc = parser.toolchain();
    if (tc.version && (!go.version || *go.version <= *tc.version)) {
        return ModuleRequirement{*tc.version, ModuleRequirement::From::toolchain, tc.line};
    }
    if (go.version) {
        return ModuleRequirement{*go.version, ModuleRequirement::From::go, go.line};
    }
    if (kind == ModuleFileKind::go_work) {
        return std::optional<ModuleRequirement>{};
    }
    // A go.mod without a go line is Go 1.16 to cmd/go (gover.DefaultGoModVersion).
    return ModuleRequirement{*GoVersion::parse("1.16"), ModuleRequirement::From::implied, 0};
}

} // namespace gover
