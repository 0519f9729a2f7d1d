// The compact index digest in $GOVER_HOME/cache/ (index_digest.hpp). The cache is disposable but
// may be cut short or damaged by a crash or another tool. Properties: never crashes; what it
// accepts has safe file names and versions, and writing it back reads back the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "gover/source/index_digest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto digest = gover::read_digest(text);
    if (!digest) {
        if (digest.error().code != gover::ErrorCode::index) {
            std::abort();
        }
        return 0;
    }
    for (const auto& release : digest->index.releases()) {
        const std::string name = release.version.str();
        if (name.find('/') != std::string::npos || name.find("..") != std::string::npos) {
            std::abort();
        }
        for (const auto& file : release.files) {
            if (!gover::is_safe_release_filename(file.filename) || file.kind != "archive") {
                std::abort();
            }
        }
    }
    // Written back and read again: the same text (the format is canonical once read).
    const std::string once = gover::write_digest(digest->index, digest->meta);
    auto again = gover::read_digest(once);
    if (!again || gover::write_digest(again->index, again->meta) != once) {
        std::abort();
    }
    return 0;
}
