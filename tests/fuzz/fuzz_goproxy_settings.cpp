// GOPROXY and the `go env -w` file: text from the user's environment and config dir, read on
// every install through the module proxy. Properties: never crashes; every parsed proxy entry is
// direct, off, or an https/http/file URL without a trailing '/', and only the last entry may be
// direct or off; an error is a usage error naming GOPROXY; a redacted entry never holds the
// password of a user:password@ URL. The go env file parser keeps one setting a name, each name
// starting with an upper-case letter and holding no '=' or newline, and go_env_text_value agrees
// with it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "core/go_env_text.hpp"
#include "gover/source/goproxy_list.hpp"
#include "gover/source/goproxy_settings.hpp"

namespace {

void check(bool ok) {
    if (!ok) {
        std::abort();
    }
}

void check_goproxy(std::string_view text) {
    auto list = gover::parse_goproxy(text);
    if (!list) {
        check(list.error().code == gover::ErrorCode::usage);
        check(list.error().message.find("GOPROXY") != std::string::npos);
        return;
    }
    check(!list->empty());
    for (std::size_t i = 0; i < list->size(); ++i) {
        const auto& url = (*list)[i].url;
        if (url == "direct" || url == "off") {
            check(i + 1 == list->size());
            continue;
        }
        check(url.find("://") != std::string::npos);
        check(!url.ends_with('/') || url.ends_with("://"));
        // Whatever held a user:password@ shows only *** there.
        const std::string safe = gover::redact_url(url);
        const auto host = safe.find("://") + 3;
        const auto end = safe.find_first_of("/?#", host);
        const auto at = safe.substr(0, end).rfind('@');
        if (at != std::string::npos && at >= host) {
            check(safe.substr(host, at - host) == "***");
        }
    }
    (void)gover::match_prefix_patterns(text, "golang.org/toolchain");
}

void check_go_env(std::string_view text) {
    const auto settings = gover::parse_go_env(text);
    std::set<std::string> names;
    for (const auto& s : settings) {
        check(!s.name.empty() && s.name[0] >= 'A' && s.name[0] <= 'Z');
        check(s.name.find('=') == std::string::npos && s.name.find('\n') == std::string::npos);
        check(s.value.find('\n') == std::string::npos);
        check(s.line >= 1);
        check(names.insert(s.name).second);
        check(gover::go_env_text_value(text, s.name) == s.value);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    check_goproxy(text);
    check_go_env(text);
    return 0;
}
