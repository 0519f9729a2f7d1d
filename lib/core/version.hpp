#pragma once
// Go versions, parsed and ordered exactly as Go's own go/version package does, extended with the
// patch pre-releases go.dev really shipped (go1.9.2rc2 < go1.9.2).

#include <compare>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace gover {

class GoVersion {
  public:
    enum class Kind { release, alpha, beta, rc };

    // Parses "1.22.5", "go1.22.5", "1.20", "1.21rc1", "1.9.2rc2", "1". Anything else (empty,
    // leading zeros, stray characters, over 64 bytes) is a usage error naming the input.
    static Result<GoVersion> parse(std::string_view text);
    // As parse, but also accepts the "-suffix" Go allows in toolchain names (go1.21.0-bigcorp).
    static Result<GoVersion> parse_toolchain(std::string_view text);

    // The canonical text without "go": round-trips what parse accepted ("1.20" stays "1.20").
    std::string str() const;
    // go.dev's release name for the same version: "go" + str().
    std::string toolchain_name() const { return "go" + str(); }

    const std::string& major() const { return major_; }
    const std::string& minor() const { return minor_; }
    const std::string& patch() const { return patch_; } // "" when not written
    Kind kind() const { return kind_; }
    const std::string& pre() const { return pre_; }

    bool is_prerelease() const { return kind_ != Kind::release; }
    // "1.21", "1.22": 1.21 or later, no patch, no pre-release. Never a release name.
    bool is_language_version() const;
    // Same major and minor ("1.22.5" is in the series of "1.22" and of "1.22rc1").
    bool same_series(const GoVersion& other) const;

    std::strong_ordering operator<=>(const GoVersion& other) const;
    bool operator==(const GoVersion& other) const { return (*this <=> other) == 0; }

  private:
    std::string major_ = "0";
    std::string minor_;
    std::string patch_;
    Kind kind_ = Kind::release;
    std::string pre_;
    bool minor_written_ = false;
};

// Compares two decimal strings of any length without leading zeros ("" is below "0").
std::strong_ordering compare_decimal(std::string_view a, std::string_view b);

} // namespace gover
