#include "support/doctor_fake_system.hpp"

#include "core/selection.hpp"

namespace gover::test {

FakeDoctorSystem::FakeDoctorSystem() {
    host_info.facts.kernel = "Linux";
    host_info.facts.machine = "x86_64";
}

void FakeDoctorSystem::map_path(const std::string& prefix, const std::filesystem::path& real) {
    maps_.emplace_back(prefix, real);
}

void FakeDoctorSystem::set_host(const std::string& kernel, const std::string& machine,
                                std::optional<bool> arm64_capable, std::optional<bool> translated) {
    host_info.facts.kernel = kernel;
    host_info.facts.machine = machine;
    host_info.facts.arm64_capable = arm64_capable;
    host_info.facts.translated = translated;
}

std::filesystem::path FakeDoctorSystem::real(const std::filesystem::path& p) const {
    const std::string s = p.string();
    for (const auto& [prefix, dir] : maps_) {
        if (s == prefix || s.starts_with(prefix + "/")) {
            return std::filesystem::path(dir.string() + s.substr(prefix.size()));
        }
    }
    return p;
}

std::filesystem::path FakeDoctorSystem::unreal(const std::filesystem::path& p) const {
    const std::string s = p.string();
    for (const auto& [prefix, dir] : maps_) {
        const std::string d = dir.string();
        if (s == d || s.starts_with(d + "/")) {
            return std::filesystem::path(prefix + s.substr(d.size()));
        }
    }
    return p;
}

std::optional<std::string> FakeDoctorSystem::env(const std::string& name) const {
    const auto it = vars.find(name);
    if (it == vars.end()) {
        return std::nullopt;
    }
    return it->second;
}

std::vector<std::string> FakeDoctorSystem::environment() const {
    std::vector<std::string> out;
    for (const auto& [name, value] : vars) {
        out.push_back(name + "=" + value);
    }
    return out;
}

std::optional<std::string> FakeDoctorSystem::read(const std::filesystem::path& file,
                                                  std::uint64_t offset, std::size_t max) const {
    return RealSystem::read(real(file), offset, max);
}

doctor::FileInfo FakeDoctorSystem::stat(const std::filesystem::path& p) const {
    return RealSystem::stat(real(p));
}

doctor::FileInfo FakeDoctorSystem::lstat(const std::filesystem::path& p) const {
    return RealSystem::lstat(real(p));
}

std::optional<std::vector<std::string>>
FakeDoctorSystem::list_dir(const std::filesystem::path& dir) const {
    return RealSystem::list_dir(real(dir));
}

std::optional<std::filesystem::path>
FakeDoctorSystem::read_link(const std::filesystem::path& p) const {
    return RealSystem::read_link(real(p));
}

std::optional<std::filesystem::path>
FakeDoctorSystem::canonical(const std::filesystem::path& p) const {
    auto c = RealSystem::canonical(real(p));
    if (!c) {
        return c;
    }
    return unreal(*c);
}

doctor::CommandResult
FakeDoctorSystem::run(const std::vector<std::string>& argv,
                      const std::vector<std::pair<std::string, std::string>>& overrides,
                      std::chrono::milliseconds timeout) const {
    if (commands) {
        if (auto answer = commands(argv)) {
            return *answer;
        }
    }
    return RealSystem::run(argv, overrides, timeout);
}

doctor::SelectionFacts FakeDoctorSystem::selection(const Layout& layout) const {
    if (selection_override) {
        return *selection_override;
    }
    return RealSystem::selection(layout);
}

doctor::StoreRecord FakeDoctorSystem::store_record(const Layout& layout,
                                                   const GoVersion& version) const {
    if (auto it = record_overrides.find(version.str()); it != record_overrides.end()) {
        return it->second;
    }
    return RealSystem::store_record(layout, version);
}

Status FakeDoctorSystem::remove_all(const std::filesystem::path& p) {
    repairs.push_back("remove " + p.string());
    return RealSystem::remove_all(p);
}

Status FakeDoctorSystem::clean_leftovers(const Layout& layout) {
    repairs.push_back("clean_leftovers");
    return RealSystem::clean_leftovers(layout);
}

Status FakeDoctorSystem::refresh_shims(const Layout& layout) {
    repairs.push_back("refresh_shims");
    return RealSystem::refresh_shims(layout);
}

Status FakeDoctorSystem::install(const Layout&, const VersionRequest& request,
                                 const std::optional<Platform>& platform, bool force) {
    const std::string spec = install_spec(request);
    repairs.push_back(std::string(force ? "reinstall " : "install ") + spec +
                      (platform ? " " + platform->str() : std::string()));
    if (on_install) {
        on_install(spec, force);
    }
    if (!install_failure.empty()) {
        return fail(ErrorCode::network, install_failure);
    }
    return {};
}

} // namespace gover::test
