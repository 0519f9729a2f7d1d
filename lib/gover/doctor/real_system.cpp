#include "gover/doctor/real_system.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

#include "core/environment.hpp"
#include "core/installed.hpp"
#include "core/regular_file.hpp"
#include "core/selection.hpp"
#include "core/self_executable.hpp"
#include "gover/doctor/host_seam.hpp"
#include "gover/doctor/run_command.hpp"
#include "gover/install/installer.hpp"
#include "gover/source/source_choice.hpp"
#include "gover/store/install_meta.hpp"
#include "gover/store/shim_links.hpp"
#include "gover/store/staging.hpp"

extern char** environ; // NOLINT: POSIX

namespace gover::doctor {
namespace {

FileInfo info_from(const struct stat& st) {
    FileInfo info;
    if (S_ISREG(st.st_mode)) {
        info.type = FileInfo::Type::regular;
    } else if (S_ISDIR(st.st_mode)) {
        info.type = FileInfo::Type::directory;
    } else if (S_ISLNK(st.st_mode)) {
        info.type = FileInfo::Type::symlink;
    } else {
        info.type = FileInfo::Type::other;
    }
    info.executable = (st.st_mode & (S_IXUSR | S_IXGRP | S_IXOTH)) != 0;
    info.size = static_cast<std::uint64_t>(st.st_size);
    info.device = static_cast<std::uint64_t>(st.st_dev);
    info.inode = static_cast<std::uint64_t>(st.st_ino);
    return info;
}

} // namespace

std::optional<std::string> RealSystem::env(const std::string& name) const {
    return process_env()(name.c_str());
}

HostInfo RealSystem::host() const {
    HostInfo info;
    info.facts = read_host_facts();
    info.macos_version = detail::macos_product_version();
    info.parent_translated = detail::parent_translated();
    info.self_exe = self_executable().value_or(std::filesystem::path());
    return info;
}

std::filesystem::path RealSystem::cwd() const {
    if (auto dir = current_directory()) {
        return *dir;
    }
    return {};
}

std::optional<std::string> RealSystem::read(const std::filesystem::path& file, std::uint64_t offset,
                                            std::size_t max) const {
    // Regular files only, never blocking: a FIFO at GOENV must not hang doctor.
    auto read = read_bounded_file(file.string(), max, Oversize::truncate, offset);
    if (!read || read->state != FileState::read) {
        return std::nullopt;
    }
    return std::move(read->text);
}

FileInfo RealSystem::stat(const std::filesystem::path& p) const {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) {
        return {};
    }
    return info_from(st);
}

FileInfo RealSystem::lstat(const std::filesystem::path& p) const {
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0) {
        return {};
    }
    return info_from(st);
}

std::optional<std::vector<std::string>>
RealSystem::list_dir(const std::filesystem::path& dir) const {
    std::error_code ec;
    std::filesystem::directory_iterator it(dir, ec);
    if (ec) {
        return std::nullopt;
    }
    std::vector<std::string> names;
    for (std::filesystem::directory_iterator end; it != end; it.increment(ec)) {
        if (ec) {
            break;
        }
        names.push_back(it->path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::optional<std::filesystem::path> RealSystem::read_link(const std::filesystem::path& p) const {
    std::error_code ec;
    auto target = std::filesystem::read_symlink(p, ec);
    if (ec) {
        return std::nullopt;
    }
    return target;
}

std::optional<std::filesystem::path> RealSystem::canonical(const std::filesystem::path& p) const {
    std::error_code ec;
    auto real = std::filesystem::canonical(p, ec);
    if (ec) {
        return std::nullopt;
    }
    return real;
}

std::vector<std::string> RealSystem::environment() const {
    std::vector<std::string> out;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
        out.emplace_back(*e);
    }
    return out;
}

CommandResult RealSystem::run(const std::vector<std::string>& argv,
                              const std::vector<std::pair<std::string, std::string>>& overrides,
                              std::chrono::milliseconds timeout) const {
    std::vector<std::string> environment_now = environment();
    std::string path = env("PATH").value_or("");
    for (const auto& [name, value] : overrides) {
        const std::string prefix = name + "=";
        environment_now.erase(
            std::remove_if(environment_now.begin(), environment_now.end(),
                           [&](const std::string& e) { return e.starts_with(prefix); }),
            environment_now.end());
        environment_now.push_back(prefix + value);
        if (name == "PATH") {
            path = value;
        }
    }
    return run_command(argv, environment_now, path, timeout);
}

SelectionFacts RealSystem::selection(const Layout& layout) const {
    const auto dir = cwd();
    SelectionEnv senv{layout, env("GOVER_VERSION"), env("GOWORK"),
                      dir.empty() ? std::nullopt : std::optional<std::string>(dir.string())};
    SelectionFacts out;
    auto sel = select_version(senv);
    if (!sel) {
        if (sel.error().code == ErrorCode::no_pin) {
            out.state = SelectionFacts::State::none;
        } else {
            out.state = SelectionFacts::State::invalid;
            out.problem = sel.error().message;
            out.hint = sel.error().hint;
        }
        return out;
    }
    out.source = sel->source.describe();
    out.from_module = sel->source.is_module();
    // What the walk and the global pin say without the source that won: they apply elsewhere
    // (another directory, after `gover shell --unset`), so a broken one is worth reporting.
    auto hidden = [&](const SelectionEnv& weaker) {
        auto other = select_version(weaker);
        if (other || other.error().code == ErrorCode::no_pin) {
            return;
        }
        for (const auto& h : out.hidden_invalid) {
            if (h.problem == other.error().message) {
                return; // the global pin, seen from both
            }
        }
        out.hidden_invalid.push_back({other.error().message, other.error().hint});
    };
    const bool from_env = sel->source.kind == PinSource::Kind::env_var;
    if (from_env) {
        hidden(SelectionEnv{layout, std::nullopt, senv.gowork, senv.cwd});
    }
    if (from_env || sel->source.kind == PinSource::Kind::tool_versions ||
        sel->source.kind == PinSource::Kind::go_version) {
        hidden(SelectionEnv{layout, std::nullopt, senv.gowork, std::nullopt});
    }
    if (sel->is_system()) {
        out.state = SelectionFacts::State::system;
    } else if (sel->version) {
        out.state = SelectionFacts::State::selected;
        out.version = sel->version;
    } else {
        out.state = SelectionFacts::State::not_installed;
        out.version = sel->request.version;
        out.install_request = install_request(sel->request);
    }
    return out;
}

std::optional<ModuleMinimum> RealSystem::module_minimum(const Layout& layout) const {
    const auto dir = cwd();
    SelectionEnv senv{layout, env("GOVER_VERSION"), env("GOWORK"),
                      dir.empty() ? std::nullopt : std::optional<std::string>(dir.string())};
    auto found = find_module_minimum(senv);
    if (!found) {
        return std::nullopt; // a broken go.mod is cmd/go's to report
    }
    return *found;
}

std::vector<GoVersion> RealSystem::installed_versions(const Layout& layout) const {
    return gover::installed_versions(layout);
}

StoreRecord RealSystem::store_record(const Layout& layout, const GoVersion& version) const {
    StoreRecord record;
    auto meta = read_install_meta(layout, version);
    if (!meta) {
        record.problem = meta.error().message;
        return record;
    }
    if (!*meta) {
        return record;
    }
    record.recorded = true;
    if (auto p = Platform::parse((*meta)->platform)) {
        record.platform = *p;
    }
    record.platform_override = (*meta)->platform_override;
    if (!(*meta)->verified) {
        record.unverified_import = (*meta)->imported_from;
    }
    auto changes = verify_install(layout, version);
    if (!changes) {
        record.problem = changes.error().message;
        return record;
    }
    for (const auto& c : *changes) {
        record.changed.push_back(c.detail.empty() ? c.path : c.path + " (" + c.detail + ")");
    }
    return record;
}

std::vector<std::filesystem::path> RealSystem::stale_leftovers(const Layout& layout) const {
    return stale_tmp_entries(layout);
}

std::optional<std::filesystem::path> RealSystem::installed_shim() const {
    return find_installed_shim();
}

Status RealSystem::remove_all(const std::filesystem::path& p) {
    return remove_tree(p);
}

Status RealSystem::clean_leftovers(const Layout& layout) {
    clean_stale_tmp(layout);
    return {};
}

Status RealSystem::refresh_shims(const Layout& layout) {
    return gover::refresh_shims(layout);
}

Status RealSystem::install(const Layout& layout, const VersionRequest& request,
                           const std::optional<Platform>& platform, bool force) {
    InstallRequest what{request, platform, force};
    const auto source = source_from_environment(layout);
    if (!source) {
        return tl::unexpected(source.error());
    }
    auto done = gover::install(layout, **source, what);
    if (!done) {
        return tl::unexpected(done.error());
    }
    return {};
}

} // namespace gover::doctor
