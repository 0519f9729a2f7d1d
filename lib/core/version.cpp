#include "core/version.hpp"

#include <cstddef>

namespace gover {
namespace {

constexpr std::size_t k_max_version_length = 64;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Takes a decimal number without leading zeros off the front of text.
bool take_number(std::string_view& text, std::string& out) {
    std::size_t n = 0;
    while (n < text.size() && is_digit(text[n])) {
        ++n;
    }
    if (n == 0 || (n > 1 && text[0] == '0')) {
        return false;
    }
    out.assign(text.substr(0, n));
    text.remove_prefix(n);
    return true;
}

bool take_kind(std::string_view& text, GoVersion::Kind& kind) {
    struct Name {
        std::string_view text;
        GoVersion::Kind kind;
    };
    static constexpr Name k_kinds[] = {{"alpha", GoVersion::Kind::alpha},
                                       {"beta", GoVersion::Kind::beta},
                                       {"rc", GoVersion::Kind::rc}};
    for (const auto& k : k_kinds) {
        if (text.starts_with(k.text)) {
            kind = k.kind;
            text.remove_prefix(k.text.size());
            return true;
        }
    }
    return false;
}

std::string quoted_for_error(std::string_view text) {
    std::string out;
    for (char c : text.substr(0, 40)) {
        out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
    }
    if (text.size() > 40) {
        out += "...";
    }
    return "\"" + out + "\"";
}

// Go's language versions 1.21 and later have no implied ".0"; older minors do (1.20 == 1.20.0).
bool minor_has_implied_patch(const std::string& minor) {
    return compare_decimal(minor, "21") == std::strong_ordering::less;
}

} // namespace

std::strong_ordering compare_decimal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return a.size() <=> b.size();
    }
    const int c = a.compare(b);
    return c < 0 ? std::strong_ordering::less
                 : (c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
}

Result<GoVersion> GoVersion::parse(std::string_view text) {
    const std::string_view original = text;
    auto bad = [&] {
        return fail(ErrorCode::usage, "invalid Go version " + quoted_for_error(original),
                    "use a version like 1.22.5, 1.21rc1 or 1.20");
    };
    if (text.empty() || text.size() > k_max_version_length) {
        return bad();
    }
    if (text.starts_with("go")) {
        text.remove_prefix(2);
    }
    GoVersion v;
    if (!take_number(text, v.major_)) {
        return bad();
    }
    if (text.empty()) {
        return v; // "1" is 1.0.0, as in go/version
    }
    if (text[0] != '.') {
        return bad();
    }
    text.remove_prefix(1);
    if (!take_number(text, v.minor_)) {
        return bad();
    }
    v.minor_written_ = true;
    if (!text.empty() && text[0] == '.') {
        text.remove_prefix(1);
        if (!take_number(text, v.patch_)) {
            return bad();
        }
    }
    if (!text.empty()) {
        if (!take_kind(text, v.kind_) || !take_number(text, v.pre_) || !text.empty()) {
            return bad();
        }
    }
    return v;
}

Result<GoVersion> GoVersion::parse_toolchain(std::string_view text) {
    const auto dash = text.find('-');
    if (dash != std::string_view::npos) {
        const auto suffix = text.substr(dash + 1);
        bool ok = !suffix.empty() && text.size() <= 2 * k_max_version_length;
        for (char c : suffix) {
            const bool allowed = is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                 c == '-' || c == '.' || c == '_';
            ok = ok && allowed;
        }
        if (!ok) {
            return fail(ErrorCode::usage, "invalid Go toolchain name " + quoted_for_error(text),
                        "use a name like go1.22.5");
        }
        text = text.substr(0, dash);
    }
    return parse(text);
}

std::string GoVersion::str() const {
    std::string out = major_;
    if (minor_written_) {
        out += "." + minor_;
    }
    if (!patch_.empty()) {
        out += "." + patch_;
    }
    switch (kind_) {
    case Kind::release:
        break;
    case Kind::alpha:
        out += "alpha" + pre_;
        break;
    case Kind::beta:
        out += "beta" + pre_;
        break;
    case Kind::rc:
        out += "rc" + pre_;
        break;
    }
    return out;
}

bool GoVersion::is_language_version() const {
    return minor_written_ && patch_.empty() && kind_ == Kind::release &&
           !minor_has_implied_patch(minor_);
}

bool GoVersion::same_series(const GoVersion& other) const {
    return compare_decimal(major_, other.major_) == 0 &&
           compare_decimal(minor_.empty() ? "0" : minor_,
                           other.minor_.empty() ? "0" : other.minor_) == 0;
}

std::strong_ordering GoVersion::operator<=>(const GoVersion& other) const {
    // Effective fields as go/version sees them: "1" is 1.0.0 and 1.20 is 1.20.0, while a 1.21+
    // language version or a minor pre-release (1.21rc1) has no patch at all, so it sorts first.
    auto effective_minor = [](const GoVersion& v) { return v.minor_.empty() ? "0" : v.minor_; };
    auto effective_patch = [](const GoVersion& v) -> std::string {
        if (!v.patch_.empty()) {
            return v.patch_;
        }
        if (!v.minor_written_ || (v.kind_ == Kind::release && minor_has_implied_patch(v.minor_))) {
            return "0";
        }
        return "";
    };
    if (auto c = compare_decimal(major_, other.major_); c != 0) {
        return c;
    }
    if (auto c = compare_decimal(effective_minor(*this), effective_minor(other)); c != 0) {
        return c;
    }
    const std::string patch = effective_patch(*this);
    if (auto c = compare_decimal(patch, effective_patch(other)); c != 0) {
        return c;
    }
    // Without a patch, go/version orders "" (language version) < alpha < beta < rc. With one
    // (go1.9.2rc2, a go.dev release go/version cannot parse), the pre-release comes before the
    // release it leads to.
    auto rank = [&](Kind k) {
        const int r = static_cast<int>(k);
        return (!patch.empty() && k == Kind::release) ? 100 : r;
    };
    if (auto c = rank(kind_) <=> rank(other.kind_); c != 0) {
        return c;
    }
    return compare_decimal(pre_, other.pre_);
}

} // namespace gover
