// meta/<version>.json, the install record the tampering check and doctor trust. It is gover's
// own file, but a crash, a disk error or another program may leave anything there. Properties:
// never crashes or throws; what it reads writes back to JSON that reads back the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "gover/store/install_meta.hpp"

namespace {

bool same(const gover::InstallMeta& a, const gover::InstallMeta& b) {
    if (a.version != b.version || a.url != b.url || a.sha256 != b.sha256 || a.size != b.size ||
        a.installed_at != b.installed_at || a.platform != b.platform ||
        a.platform_override != b.platform_override || a.manifest.size() != b.manifest.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.manifest.size(); ++i) {
        const auto& x = a.manifest[i];
        const auto& y = b.manifest[i];
        if (x.path != y.path || x.kind != y.kind || x.size != y.size || x.sha256 != y.sha256 ||
            x.target != y.target) {
            return false;
        }
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    auto meta = gover::meta_from_json(text, "/h/meta/1.22.5.json");
    if (!meta) {
        if (meta.error().message.find("/h/meta/1.22.5.json") == std::string::npos) {
            std::abort();
        }
        return 0;
    }
    auto again = gover::meta_from_json(gover::meta_to_json(*meta), "again");
    if (!again || !same(*meta, *again)) {
        std::abort();
    }
    return 0;
}
