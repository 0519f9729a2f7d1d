#include "gover/sumdb/module_hash.hpp"

#include <algorithm>
#include <cstdint>

#include "gover/base/sha256.hpp"
#include "gover/sumdb/base64.hpp"

namespace gover::sumdb {

Status ModuleHash1::add(std::string_view name, std::string_view sha256_hex) {
    if (name.find('\n') != std::string_view::npos) {
        return fail(ErrorCode::archive, "module zip entry name holds a newline: " +
                                            std::string(name.substr(0, name.find('\n'))) + "...");
    }
    if (!is_sha256_hex(sha256_hex)) {
        return fail(ErrorCode::internal, "not a SHA-256 digest for " + std::string(name) + ": " +
                                             std::string(sha256_hex));
    }
    std::string hex(sha256_hex);
    std::transform(hex.begin(), hex.end(), hex.begin(),
                   [](char c) { return c >= 'A' && c <= 'F' ? char(c - 'A' + 'a') : c; });
    files_.emplace_back(std::string(name), std::move(hex));
    return {};
}

std::string ModuleHash1::finish() const {
    std::vector<const std::pair<std::string, std::string>*> sorted;
    sorted.reserve(files_.size());
    for (const auto& file : files_) {
        sorted.push_back(&file);
    }
    // Byte order, as Go's sort.Strings.
    std::sort(sorted.begin(), sorted.end(),
              [](const auto* a, const auto* b) { return a->first < b->first; });
    Sha256 hasher;
    for (const auto* file : sorted) {
        hasher.update(file->second + "  " + file->first + "\n");
    }
    const std::string hex = hasher.finish();
    std::vector<std::uint8_t> digest;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        digest.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    }
    return "h1:" + base64_encode(digest);
}

} // namespace gover::sumdb
