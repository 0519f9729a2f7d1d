#include "core/installed.hpp"

#include <algorithm>
#include <system_error>

namespace gover {

std::vector<GoVersion> installed_versions(const Layout& layout) {
    std::vector<GoVersion> out;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(layout.versions_dir(), ec), end; !ec && it != end;
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.') {
            continue;
        }
        auto version = GoVersion::parse(name);
        if (!version || version->str() != name || !is_installed(layout, *version)) {
            continue;
        }
        out.push_back(*version);
    }
    std::sort(out.begin(), out.end(), [](const GoVersion& a, const GoVersion& b) { return b < a; });
    return out;
}

bool is_installed(const Layout& layout, const GoVersion& version) {
    std::error_code ec;
    return std::filesystem::is_regular_file(layout.version_dir(version) / "bin" / "go", ec);
}

} // namespace gover
