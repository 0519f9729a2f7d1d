#pragma once
// The production System: this process's environment, the real file system, fork/exec, and
// gover's own selection, store and install code. Tests derive from it and override the parts
// they fake (environment, host facts, commands), keeping real files in temporary directories.

#include "gover/doctor/system.hpp"

namespace gover::doctor {

class RealSystem : public System {
  public:
    std::optional<std::string> env(const std::string& name) const override;
    HostInfo host() const override;
    std::filesystem::path cwd() const override;

    std::optional<std::string> read(const std::filesystem::path& file, std::uint64_t offset,
                                    std::size_t max) const override;
    FileInfo stat(const std::filesystem::path& p) const override;
    FileInfo lstat(const std::filesystem::path& p) const override;
    std::optional<std::vector<std::string>>
    list_dir(const std::filesystem::path& dir) const override;
    std::optional<std::filesystem::path> read_link(const std::filesystem::path& p) const override;
    std::optional<std::filesystem::path> canonical(const std::filesystem::path& p) const override;

    // Uses env() for the child's environment and PATH lookup, so an overridden env() is what
    // the child sees too.
    CommandResult run(const std::vector<std::string>& argv,
                      const std::vector<std::pair<std::string, std::string>>& overrides,
                      std::chrono::milliseconds timeout) const override;

    // Selection reads GOVER_VERSION and GOWORK through env() and the directory from cwd().
    SelectionFacts selection(const Layout& layout) const override;
    std::optional<ModuleMinimum> module_minimum(const Layout& layout) const override;
    std::vector<GoVersion> installed_versions(const Layout& layout) const override;
    StoreRecord store_record(const Layout& layout, const GoVersion& version) const override;
    std::vector<std::filesystem::path> stale_leftovers(const Layout& layout) const override;
    std::optional<std::filesystem::path> installed_shim() const override;

    Status remove_all(const std::filesystem::path& p) override;
    Status clean_leftovers(const Layout& layout) override;
    Status refresh_shims(const Layout& layout) override;
    Status install(const Layout& layout, const VersionRequest& request,
                   const std::optional<Platform>& platform, bool force) override;

  protected:
    // The environment a child gets: the process's, or env()'s view of the names it overrides.
    virtual std::vector<std::string> environment() const;
};

} // namespace gover::doctor
