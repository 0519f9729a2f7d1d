#pragma once
// Streaming SHA-256 over OpenSSL's EVP interface. The header only forward-declares OpenSSL's
// context so nothing outside sha256.cpp sees OpenSSL.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/error.hpp"

struct evp_md_ctx_st; // OpenSSL's EVP_MD_CTX

namespace gover {

class Sha256 {
  public:
    Sha256();
    ~Sha256();
    Sha256(Sha256&&) noexcept;
    Sha256& operator=(Sha256&&) noexcept;
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(std::span<const std::byte> bytes);
    void update(std::string_view text);
    // The digest as 64 lower-case hex digits. The hasher starts over afterwards.
    std::string finish();

  private:
    struct CtxFree {
        void operator()(evp_md_ctx_st* ctx) const;
    };
    std::unique_ptr<evp_md_ctx_st, CtxFree> ctx_;
};

// The hex digest of a whole file, read in blocks; an io error names the path.
Result<std::string> sha256_file(const std::filesystem::path& path);

// Whether text is 64 hex digits (either case).
bool is_sha256_hex(std::string_view text);

} // namespace gover
