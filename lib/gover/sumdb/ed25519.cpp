#include "gover/sumdb/ed25519.hpp"

#include <memory>

#include <openssl/evp.h>

namespace gover::sumdb {
namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

} // namespace

bool ed25519_verify(const Ed25519PublicKey& key, std::string_view message,
                    std::span<const std::uint8_t> signature) {
    if (signature.size() != 64) {
        return false;
    }
    std::unique_ptr<EVP_PKEY, PkeyFree> pkey(
        EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, key.data(), key.size()));
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    if (!pkey || !ctx) {
        return false;
    }
    // Ed25519 is a one-shot scheme: no digest is named and the message goes in whole.
    if (EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) != 1) {
        return false;
    }
    const auto* bytes = reinterpret_cast<const unsigned char*>(message.data());
    return EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), bytes, message.size()) ==
           1;
}

} // namespace gover::sumdb
