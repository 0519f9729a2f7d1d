#pragma once
// A doctor System for tests: the real file system (temp dirs) and real commands, but an
// environment, host, working directory and gover answers the test sets. Absolute paths a test
// cannot create (/usr/local, /opt/homebrew) can be mapped onto temp directories, so a Mac's
// situation can be built on Linux. Repairs are recorded; refresh_shims and remove_all really run.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gover/doctor/real_system.hpp"

namespace gover::test {

class FakeDoctorSystem : public doctor::RealSystem {
  public:
    std::map<std::string, std::string> vars; // the whole environment
    doctor::HostInfo host_info;              // default: linux amd64, not translated
    std::filesystem::path working_dir;
    std::optional<doctor::SelectionFacts> selection_override;
    std::map<std::string, doctor::StoreRecord> record_overrides; // by version
    std::optional<std::filesystem::path> shipped_shim;
    // When set, commands are answered here instead of being run.
    std::function<std::optional<doctor::CommandResult>(const std::vector<std::string>&)> commands;

    // What --fix asked for, in order: "install 1.22.5", "reinstall 1.22.5", "refresh_shims", ...
    std::vector<std::string> repairs;
    // install() succeeds (and records) unless this is set to an error message; on_install runs
    // first, to make the install's effect visible to the re-check.
    std::string install_failure;
    std::function<void(const std::string& spec, bool force)> on_install;

    FakeDoctorSystem();

    void set(const std::string& name, const std::string& value) { vars[name] = value; }
    // Paths under `prefix` (absolute) live under `real` instead.
    void map_path(const std::string& prefix, const std::filesystem::path& real);
    void set_host(const std::string& kernel, const std::string& machine,
                  std::optional<bool> arm64_capable = std::nullopt,
                  std::optional<bool> translated = std::nullopt);

    std::optional<std::string> env(const std::string& name) const override;
    doctor::HostInfo host() const override { return host_info; }
    std::filesystem::path cwd() const override { return working_dir; }

    std::optional<std::string> read(const std::filesystem::path& file, std::uint64_t offset,
                                    std::size_t max) const override;
    doctor::FileInfo stat(const std::filesystem::path& p) const override;
    doctor::FileInfo lstat(const std::filesystem::path& p) const override;
    std::optional<std::vector<std::string>>
    list_dir(const std::filesystem::path& dir) const override;
    std::optional<std::filesystem::path> read_link(const std::filesystem::path& p) const override;
    std::optional<std::filesystem::path> canonical(const std::filesystem::path& p) const override;
    doctor::CommandResult run(const std::vector<std::string>& argv,
                              const std::vector<std::pair<std::string, std::string>>& overrides,
                              std::chrono::milliseconds timeout) const override;

    doctor::SelectionFacts selection(const Layout& layout) const override;
    doctor::StoreRecord store_record(const Layout& layout, const GoVersion& version) const override;
    std::optional<std::filesystem::path> installed_shim() const override { return shipped_shim; }

    Status remove_all(const std::filesystem::path& p) override;
    Status clean_leftovers(const Layout& layout) override;
    Status refresh_shims(const Layout& layout) override;
    Status install(const Layout& layout, const VersionRequest& request,
                   const std::optional<Platform>& platform, bool force) override;

  protected:
    std::vector<std::string> environment() const override;

  private:
    std::filesystem::path real(const std::filesystem::path& p) const;
    std::filesystem::path unreal(const std::filesystem::path& p) const;
    std::vector<std::pair<std::string, std::filesystem::path>> maps_;
};

} // namespace gover::test
