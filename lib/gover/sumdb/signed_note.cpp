#include "gover/sumdb/signed_note.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <set>
#include <utility>

#include "gover/sumdb/base64.hpp"
#include "gover/sumdb/utf8_text.hpp"

namespace gover::sumdb {
namespace {

constexpr std::string_view k_signature_prefix = "\xE2\x80\x94 "; // an em dash and a space
constexpr std::size_t k_max_signatures = 100;

tl::unexpected<Error> malformed(std::string_view what, const std::string& why) {
    return fail(ErrorCode::checksum,
                "malformed signed note from " + std::string(what) + ": " + why);
}

std::string key_id(std::string_view name, std::uint32_t hash) {
    char hex[9];
    std::snprintf(hex, sizeof hex, "%08x", hash);
    return std::string(name) + "+" + hex;
}

struct SignatureLine {
    NoteSignature signature;
    std::vector<std::uint8_t> bytes; // the signature without the key hash
};

// "— <name> <base64>" with at least one signature byte after the key hash.
std::optional<SignatureLine> parse_signature_line(std::string_view line) {
    if (!line.starts_with(k_signature_prefix)) {
        return std::nullopt;
    }
    line.remove_prefix(k_signature_prefix.size());
    const auto space = line.find(' ');
    if (space == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view name = line.substr(0, space);
    const std::string_view encoded = line.substr(space + 1);
    auto raw = base64_decode(encoded);
    if (!is_note_name(name) || encoded.empty() || !raw || raw->size() < 5) {
        return std::nullopt;
    }
    const std::uint32_t hash = (std::uint32_t((*raw)[0]) << 24) | (std::uint32_t((*raw)[1]) << 16) |
                               (std::uint32_t((*raw)[2]) << 8) | std::uint32_t((*raw)[3]);
    raw->erase(raw->begin(), raw->begin() + 4);
    return SignatureLine{{std::string(name), hash, std::string(encoded)}, std::move(*raw)};
}

const VerifierKey* find_key(std::span<const VerifierKey> keys, const NoteSignature& signature) {
    for (const auto& key : keys) {
        if (key.name == signature.name && key.hash == signature.hash) {
            return &key;
        }
    }
    return nullptr;
}

std::string names_of(const std::vector<NoteSignature>& signatures) {
    std::string out;
    for (const auto& signature : signatures) {
        out += (out.empty() ? "" : ", ") + key_id(signature.name, signature.hash);
    }
    return out.empty() ? "nobody" : out;
}

} // namespace

Result<OpenedNote> open_note(std::string_view message, std::span<const VerifierKey> keys,
                             std::string_view what) {
    if (!is_note_text(message)) {
        return malformed(what, "not UTF-8 text");
    }
    const auto split = message.rfind("\n\n");
    if (split == std::string_view::npos) {
        return malformed(what, "no signatures");
    }
    OpenedNote note;
    note.text = std::string(message.substr(0, split + 1));
    std::string_view lines = message.substr(split + 2);
    if (lines.empty() || lines.back() != '\n') {
        return malformed(what, "no signatures");
    }
    std::set<std::string> seen;
    std::size_t count = 0;
    while (!lines.empty()) {
        const auto end = lines.find('\n');
        const std::string_view line = lines.substr(0, end);
        lines.remove_prefix(end + 1);
        auto parsed = parse_signature_line(line);
        if (!parsed) {
            return malformed(what, "bad signature line");
        }
        if (++count > k_max_signatures) {
            return malformed(what, "more than 100 signatures");
        }
        const VerifierKey* key = find_key(keys, parsed->signature);
        // A key signs once; repeats (and repeated unknown lines) are dropped, as Go does.
        if (!seen.insert(key ? key_id(key->name, key->hash) : std::string(line)).second) {
            continue;
        }
        if (!key) {
            note.unverified.push_back(std::move(parsed->signature));
            continue;
        }
        if (!ed25519_verify(key->public_key, note.text, parsed->bytes)) {
            return fail(ErrorCode::checksum,
                        "invalid signature by " + key_id(key->name, key->hash) +
                            " on the note from " + std::string(what),
                        "the checksum database or the way to it may be compromised");
        }
        note.verified.push_back(std::move(parsed->signature));
    }
    if (note.verified.empty()) {
        return fail(
            ErrorCode::checksum,
            "the note from " + std::string(what) + " is not signed by " +
                (keys.empty() ? std::string("any known key") : key_id(keys[0].name, keys[0].hash)) +
                " (signed by " + names_of(note.unverified) + ")",
            "check the checksum database key (GOSUMDB)");
    }
    return note;
}

} // namespace gover::sumdb
