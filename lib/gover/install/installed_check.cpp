#include "gover/install/installed_check.hpp"

#include "core/installed.hpp"
#include "gover/store/install_meta.hpp"

namespace gover {
namespace {

InstallResult result_from(const Layout& layout, const GoVersion& version, const Platform& fallback,
                          const std::optional<InstallMeta>& record) {
    InstallResult result;
    result.version = version;
    result.already_installed = true;
    result.platform = fallback;
    if (record) {
        if (auto recorded = Platform::parse(record->platform)) {
            result.platform = *recorded;
        }
    }
    result.path = layout.version_dir(version);
    return result;
}

} // namespace

InstallResult installed_result(const Layout& layout, const GoVersion& version,
                               const Platform& fallback) {
    auto record = read_install_meta(layout, version);
    return result_from(layout, version, fallback, record ? *record : std::optional<InstallMeta>{});
}

Result<std::optional<InstallResult>> check_installed(const Layout& layout, ToolchainSource& source,
                                                     const InstallTarget& target) {
    if (!is_installed(layout, target.version)) {
        return std::optional<InstallResult>{};
    }
    auto read = read_install_meta(layout, target.version);
    // No record, or one that cannot be read: nothing to compare (doctor reports it).
    const std::optional<InstallMeta> record = read ? *read : std::optional<InstallMeta>{};
    if (record) {
        if (auto agrees = source.check_record(target.version, *record); !agrees) {
            return tl::unexpected(agrees.error());
        }
    }
    if (target.force) {
        return std::optional<InstallResult>{};
    }
    return std::optional<InstallResult>(
        result_from(layout, target.version, target.platform, record));
}

} // namespace gover
