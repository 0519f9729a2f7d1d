#pragma once
// Where everything lives under $GOVER_HOME (README "How it works"). Only paths: no I/O but reading
// the environment.

#include <filesystem>
#include <string>

#include "core/environment.hpp"
#include "core/error.hpp"
#include "core/version.hpp"

namespace gover {

class Layout {
  public:
    explicit Layout(std::filesystem::path home) : home_(std::move(home)) {}

    // $GOVER_HOME, else $HOME/.gover. Fails (usage) when neither is set, when the one used is
    // relative, or when the store's path holds a ':' (its shims/ could not go on PATH).
    static Result<Layout> from_env(const EnvLookup& env);
    static Result<Layout> from_environment() { return from_env(process_env()); }

    const std::filesystem::path& home() const { return home_; }
    std::filesystem::path versions_dir() const { return home_ / "versions"; }
    std::filesystem::path version_dir(const GoVersion& v) const { return versions_dir() / v.str(); }
    std::filesystem::path shims_dir() const { return home_ / "shims"; }
    std::filesystem::path bin_dir() const { return home_ / "bin"; }
    std::filesystem::path shim_copy() const { return bin_dir() / "gover-shim"; }
    // A link to the gover that last refreshed shim_copy(): the shim copy runs it for
    // GOVER_AUTO_INSTALL=1 before looking on PATH (an IDE may have no gover on PATH).
    std::filesystem::path gover_link() const { return bin_dir() / "gover"; }
    std::filesystem::path meta_dir() const { return home_ / "meta"; }
    std::filesystem::path meta_file(const GoVersion& v) const {
        return meta_dir() / (v.str() + ".json");
    }
    std::filesystem::path cache_dir() const { return home_ / "cache"; }
    std::filesystem::path tmp_dir() const { return home_ / "tmp"; }
    std::filesystem::path locks_dir() const { return home_ / "locks"; }
    std::filesystem::path global_file() const { return home_ / "global"; }

  private:
    std::filesystem::path home_;
};

} // namespace gover
