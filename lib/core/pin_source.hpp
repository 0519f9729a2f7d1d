#pragma once
// Where a pin came from: the kind of file (or variable) and the line, for messages
// ("set by /p/.tool-versions:3") and for what `use`, `upgrade` and doctor do with it.

#include <string>

namespace gover {

// What asked for the version.
struct PinSource {
    enum class Kind {
        env_var,       // GOVER_VERSION
        tool_versions, // a .tool-versions
        go_version,    // a .go-version
        global,        // $GOVER_HOME/global
        go_work,       // a go.work minimum
        go_mod,        // a go.mod minimum
    };
    Kind kind = Kind::env_var;
    std::string path; // the file; "GOVER_VERSION" for env_var
    int line = 0;     // 1-based; 0 when there is none (env_var, a go.mod without go line)

    // A go.mod/go.work minimum: "required by" rather than "set by".
    bool is_module() const { return kind == Kind::go_work || kind == Kind::go_mod; }
    // "GOVER_VERSION", "/p/.tool-versions:3", "/home/u/.gover/global" (no line: it is the
    // whole file), "/p/go.mod:3", "/p/go.mod" (no go line).
    std::string describe() const;
    // "set by /p/.tool-versions:3", "required by /p/go.mod:3": the words `current` prints.
    std::string phrase() const;
};

} // namespace gover
