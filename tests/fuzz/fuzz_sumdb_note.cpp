// Signed notes and verifier keys from a checksum database (signed_note.hpp, verifier_key.hpp):
// the bytes come from the network or from $GOVER_HOME/sumdb/<name>/latest. Properties: never
// crashes; a note that opens has a verified signature, and its text is the message's start,
// ending in '\n'; a key that parses prints back as itself and parses again the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>

#include "gover/sumdb/signed_note.hpp"
#include "gover/sumdb/tree_note.hpp"
#include "gover/sumdb/verifier_key.hpp"

namespace {

const gover::sumdb::VerifierKey& peter_key() {
    static const auto key = *gover::sumdb::parse_verifier_key(
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
    return key;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace gover::sumdb;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto note = open_note(text, std::span<const VerifierKey>(&peter_key(), 1), "fuzz");
    if (note) {
        if (note->verified.empty() || !text.starts_with(note->text) || note->text.empty() ||
            note->text.back() != '\n') {
            std::abort();
        }
        (void)parse_tree(note->text, "fuzz");
    } else if (note.error().code != gover::ErrorCode::checksum) {
        std::abort();
    }
    auto key = parse_verifier_key(text);
    if (key) {
        auto again = parse_verifier_key(key->text);
        if (key->text != text || !again || again->hash != key->hash ||
            again->public_key != key->public_key || again->name != key->name) {
            std::abort();
        }
    }
    (void)parse_gosumdb(text);
    return 0;
}
