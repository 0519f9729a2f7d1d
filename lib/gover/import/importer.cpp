#include "gover/import/importer.hpp"

#include "core/installed.hpp"
#include "gover/import/toolchain_tree.hpp"
#include "gover/install/install_transaction.hpp"

namespace gover {
namespace fs = std::filesystem;

Importer::Importer(const Layout& layout, ImportSettings settings)
    : layout_(layout), settings_(std::move(settings)) {}

Result<GoVersion> Importer::inspect(const ImportCandidate& candidate,
                                    const std::optional<ModuleCacheName>& name) const {
    std::error_code ec;
    if (!fs::is_directory(candidate.path, ec)) {
        return fail(ErrorCode::not_found,
                    fs::exists(candidate.path, ec) ? "not a directory" : "no such directory");
    }
    auto version = read_tree_version(candidate.path);
    if (!version) {
        return version;
    }
    if (candidate.kind == ImportKind::module_cache) {
        if (!name) {
            return fail(ErrorCode::not_found, "not named like a golang.org/toolchain module");
        }
        // cmd/go removes <dir>.partial once the whole zip is unpacked.
        if (fs::exists(candidate.path.string() + ".partial", ec)) {
            return fail(ErrorCode::not_found, "Go has not finished unpacking it");
        }
        if (name->version != *version) {
            return fail(ErrorCode::archive, "VERSION names " + version->toolchain_name() +
                                                ", not " + name->version.toolchain_name() +
                                                " as the directory's name says");
        }
        if (name->platform != settings_.host) {
            return fail(ErrorCode::not_found, "a toolchain for " + name->platform.str() +
                                                  ", not this machine's " + settings_.host.str());
        }
    }
    const bool module = candidate.kind == ImportKind::module_cache;
    if (auto runs = check_tree_go(candidate.path, settings_.host, !module); !runs) {
        return tl::unexpected(runs.error());
    }
    return version;
}

ImportOutcome Importer::import(const ImportCandidate& candidate) {
    ImportOutcome out;
    out.path = candidate.path;
    const auto name = candidate.kind == ImportKind::module_cache ? module_cache_name(candidate.path)
                                                                 : std::optional<ModuleCacheName>{};
    out.verified = name.has_value();
    auto version = inspect(candidate, name);
    if (!version) {
        out.action = "skipped: " + version.error().message;
        out.verified = false;
        return out;
    }
    out.version = version->str();
    if (is_installed(layout_, *version) || planned_.contains(*version)) {
        out.action = "already installed";
        return out;
    }
    if (settings_.dry_run) {
        planned_.insert(*version);
        out.action = "would import";
        return out;
    }
    const auto source = make_import_source();
    LocalToolchain local{candidate.path, name ? ImportKind::module_cache : ImportKind::tree,
                         name ? name->module_version : std::string()};
    const auto fetch = make_local_tree_fetch(std::move(local), settings_.prove);
    const InstallTarget target{*version, name ? name->platform : settings_.host, false, false};
    auto result = install_toolchain(layout_, *source, *fetch, target, settings_.events);
    if (!result) {
        out.action = "skipped: " + result.error().message;
        out.verified = false;
        out.error = result.error();
        return out;
    }
    out.imported = !result->already_installed;
    out.action = out.imported ? "imported" : "already installed";
    return out;
}

} // namespace gover
