#include "support/doctor_scene.hpp"

#include <gtest/gtest.h>

#include "support/binary_headers.hpp"

namespace gover::test {

DoctorScene::DoctorScene() {
    home = tmp / "home";
    gover_home = tmp / "gover";
    tools = tmp / "tools";
    work = tmp / "work";
    for (const auto& d : {home, gover_home / "versions", gover_home / "shims", gover_home / "bin",
                          gover_home / "meta", gover_home / "tmp", tools, work}) {
        std::filesystem::create_directories(d);
    }
    write_file(tools / "gcc", "#!/bin/sh\necho x86_64-linux-gnu\n", true);
    sys.set("HOME", home.string());
    sys.set("GOVER_HOME", gover_home.string());
    sys.set("SHELL", "/bin/zsh");
    sys.working_dir = work;
    set_path({shims(), tools});
    // Nothing is pinned unless a test says so; selection itself is tested on its own.
    doctor::SelectionFacts none;
    none.state = doctor::SelectionFacts::State::none;
    sys.selection_override = none;
    // gover's own init line, so init-missing stays quiet unless a test removes it.
    startup(".zshrc", "eval \"$(gover init zsh)\"\n");
}

void DoctorScene::set_path(const std::vector<std::filesystem::path>& dirs) {
    std::string path;
    for (const auto& d : dirs) {
        path += (path.empty() ? "" : ":") + d.string();
    }
    sys.set("PATH", path);
}

void DoctorScene::make_mac(const std::string& macos) {
    sys.set_host("Darwin", "arm64", true, false);
    sys.host_info.macos_version = macos;
    sys.host_info.parent_translated = false;
    std::filesystem::remove(tools / "gcc");
    // macOS's /bin/zsh is universal; this machine's is not, so /bin is a temp dir here.
    MachoSpec intel;
    intel.cputype = k_cpu_x86_64;
    MachoSpec arm;
    arm.cputype = k_cpu_arm64;
    write_file(tmp / "mac-bin" / "zsh", fat_binary({intel, arm}), true);
    sys.map_path("/bin", tmp / "mac-bin");
    write_file(tools / "clang", "#!/bin/sh\necho arm64-apple-darwin23.5.0\n", true);
}

void DoctorScene::add_version(const std::string& version, const std::string& arch,
                              const std::string& go_binary) {
    const auto root = gover_home / "versions" / version;
    if (go_binary.empty()) {
        write_file(root / "bin" / "go",
                   "#!/bin/sh\nprintf 'go" + version + "\\n%s\\n" + arch +
                       "\\n' \"$(cd \"${0%/*}/..\" && pwd -P)\"\n",
                   true);
    } else {
        write_file(root / "bin" / "go", go_binary, true);
    }
    write_file(root / "bin" / "gofmt", "#!/bin/sh\nexit 0\n", true);
    write_file(root / "VERSION", "go" + version + "\n");
}

void DoctorScene::link_shims() {
    write_file(gover_home / "bin" / "gover-shim",
               "#!/bin/sh\nexec \"$GOVER_HOME/versions/$GOVER_TEST_VERSION/bin/${0##*/}\" \"$@\"\n",
               true);
    std::vector<std::string> names{"go", "gofmt"};
    if (auto versions = sys.installed_versions(layout()); !versions.empty()) {
        for (const auto& v : versions) {
            names.push_back(v.toolchain_name());
        }
    }
    for (const auto& name : names) {
        const auto link = shims() / name;
        std::error_code ec;
        std::filesystem::remove(link, ec);
        std::filesystem::create_symlink(gover_home / "bin" / "gover-shim", link);
    }
}

void DoctorScene::select(const std::string& version, const std::string& source) {
    doctor::SelectionFacts s;
    s.state = doctor::SelectionFacts::State::selected;
    s.version = *GoVersion::parse(version);
    s.source = source;
    sys.selection_override = s;
    sys.set("GOVER_TEST_VERSION", version);
}

std::filesystem::path DoctorScene::startup(const std::string& name, const std::string& text) {
    const auto p = home / name;
    write_file(p, text);
    return p;
}

doctor::Findings DoctorScene::diagnose() {
    auto findings = doctor::diagnose(sys);
    EXPECT_TRUE(findings) << findings.error().message;
    return findings ? *findings : doctor::Findings{};
}

std::vector<doctor::Finding> DoctorScene::of(const doctor::Findings& findings,
                                             const std::string& check) {
    std::vector<doctor::Finding> out;
    for (const auto& f : findings) {
        if (f.check == check) {
            out.push_back(f);
        }
    }
    return out;
}

std::string DoctorScene::dump(const doctor::Findings& findings) {
    std::string out;
    for (const auto& f : findings) {
        out += std::string(doctor::severity_name(f.severity)) + " " + f.check + ": " + f.message +
               " | fix: " + f.fix + "\n";
    }
    return out;
}

} // namespace gover::test
