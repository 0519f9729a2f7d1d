#pragma once
// A throwaway machine for doctor tests: a temp HOME, GOVER_HOME, working directory and PATH
// (shims first, then a tools dir with a C compiler that names the host's triple), seen through
// FakeDoctorSystem. Tests add what breaks it and look for the finding.

#include <filesystem>
#include <string>
#include <vector>

#include "gover/doctor/doctor.hpp"
#include "support/doctor_fake_system.hpp"
#include "support/temp_dir.hpp"

namespace gover::test {

// Whether a finding's text mentions part.
inline bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class DoctorScene {
  public:
    DoctorScene();

    TempDir tmp;
    FakeDoctorSystem sys;
    std::filesystem::path home;
    std::filesystem::path gover_home;
    std::filesystem::path tools; // on PATH after the shims
    std::filesystem::path work;  // the working directory

    Layout layout() const { return Layout(gover_home); }
    std::filesystem::path shims() const { return gover_home / "shims"; }

    // PATH from these directories, in order.
    void set_path(const std::vector<std::filesystem::path>& dirs);
    // Pretends to be an Apple Silicon Mac (macOS `macos`), with clang for arm64 in tools/.
    void make_mac(const std::string& macos = "14.5");

    // versions/<v>/bin/{go,gofmt}: go is a script answering `go env GOVERSION GOROOT GOARCH`
    // (with `arch`), or `go_binary` when given. Shims: links for go, gofmt, go<v> to
    // bin/gover-shim (a script running the selected version's tool).
    void add_version(const std::string& version, const std::string& arch = "amd64",
                     const std::string& go_binary = "");
    void link_shims();
    // Selection answers "version is selected by <source>".
    void select(const std::string& version, const std::string& source = "/p/.go-version:1");
    // A startup file under HOME with these lines.
    std::filesystem::path startup(const std::string& name, const std::string& text);

    doctor::Findings diagnose();
    // The findings of one check.
    static std::vector<doctor::Finding> of(const doctor::Findings& findings,
                                           const std::string& check);
    // Every finding as "check: message | fix", for failure messages.
    static std::string dump(const doctor::Findings& findings);
};

} // namespace gover::test
