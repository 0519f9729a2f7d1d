#include "gover/sumdb/verifier_key.hpp"

#include <charconv>
#include <vector>

#include "gover/base/sha256.hpp"
#include "gover/sumdb/base64.hpp"
#include "gover/sumdb/utf8_text.hpp"

namespace gover::sumdb {
namespace {

constexpr std::uint8_t k_algorithm_ed25519 = 1;

tl::unexpected<Error> bad_key(std::string_view text, const std::string& why) {
    return fail(ErrorCode::usage, "invalid checksum database key " + std::string(text) + ": " + why,
                "use the key the database publishes, <name>+<hash>+<key>");
}

std::optional<std::uint32_t> parse_hex32(std::string_view text) {
    if (text.size() != 8) {
        return std::nullopt;
    }
    std::uint32_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
    if (ec != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::vector<std::string_view> fields(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto start = text.find_first_not_of(" \t\n\r\v\f", at);
        if (start == std::string_view::npos) {
            break;
        }
        const auto end = std::min(text.find_first_of(" \t\n\r\v\f", start), text.size());
        out.push_back(text.substr(start, end - start));
        at = end;
    }
    return out;
}

} // namespace

std::uint32_t verifier_key_hash(std::string_view name, std::string_view tagged_key) {
    Sha256 hasher;
    hasher.update(name);
    hasher.update(std::string_view("\n"));
    hasher.update(tagged_key);
    const std::string hex = hasher.finish();
    return static_cast<std::uint32_t>(std::stoul(hex.substr(0, 8), nullptr, 16));
}

Result<VerifierKey> parse_verifier_key(std::string_view text) {
    const auto first = text.find('+');
    const auto second = first == std::string_view::npos ? first : text.find('+', first + 1);
    if (second == std::string_view::npos) {
        return bad_key(text, "not <name>+<hash>+<key>");
    }
    const std::string_view name = text.substr(0, first);
    const auto hash = parse_hex32(text.substr(first + 1, second - first - 1));
    const auto key = base64_decode(text.substr(second + 1));
    if (!is_note_name(name) || !hash || !key || key->empty()) {
        return bad_key(text, "not <name>+<hash>+<key>");
    }
    const std::string_view tagged(reinterpret_cast<const char*>(key->data()), key->size());
    if (verifier_key_hash(name, tagged) != *hash) {
        return bad_key(text, "the key hash does not match the name and key");
    }
    if ((*key)[0] != k_algorithm_ed25519) {
        return bad_key(text, "unknown signature algorithm " + std::to_string((*key)[0]));
    }
    if (key->size() != 1 + 32) {
        return bad_key(text, "an Ed25519 key is 32 bytes");
    }
    VerifierKey out{std::string(name), *hash, {}, std::string(text)};
    std::copy(key->begin() + 1, key->end(), out.public_key.begin());
    return out;
}

Result<DatabaseSpec> parse_gosumdb(std::string_view value) {
    auto words = fields(value);
    std::string url;
    if (words.size() == 1 && words[0] == "sum.golang.google.cn") {
        words = {"sum.golang.org"};
        url = "https://sum.golang.google.cn";
    }
    if (words.empty()) {
        return fail(ErrorCode::usage, "GOSUMDB is empty",
                    "unset it to use sum.golang.org, or name a checksum database");
    }
    if (words[0] == "off") {
        return fail(ErrorCode::usage,
                    "GOSUMDB=off: toolchains are only installed when the checksum database "
                    "proves them",
                    "unset GOSUMDB or name a checksum database");
    }
    if (words.size() > 2) {
        return fail(ErrorCode::usage, "invalid GOSUMDB " + std::string(value) + ": too many fields",
                    "write <name or key> [<url>]");
    }
    const std::string_view key_text =
        words[0] == "sum.golang.org" ? k_sum_golang_org_key : words[0];
    if (key_text.find('+') == std::string_view::npos) {
        return fail(ErrorCode::usage,
                    "GOSUMDB names " + std::string(key_text) +
                        ", a checksum database without a known key",
                    "write its key: <name>+<hash>+<key> [<url>]");
    }
    auto key = parse_verifier_key(key_text);
    if (!key) {
        return tl::unexpected(key.error());
    }
    if (words.size() == 2) {
        url = std::string(words[1]);
    } else if (url.empty()) {
        url = "https://" + key->name;
    }
    while (url.ends_with('/')) {
        url.pop_back();
    }
    return DatabaseSpec{std::move(*key), std::move(url)};
}

} // namespace gover::sumdb
