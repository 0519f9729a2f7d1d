// Pin files (.tool-versions, .go-version, global) and the bounded, regular-file-only reader.
// go.mod / go.work parsing lives in module_file.cpp.
#include "core/version_files.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/text_lines.hpp"

namespace gover {
namespace {

using detail::LineCursor;

Error at_line(std::string_view path, int line, const std::string& what, std::string hint) {
    return Error{ErrorCode::bad_pin, std::string(path) + ":" + std::to_string(line) + ": " + what,
                 std::move(hint)};
}

const char* const k_pin_hint =
    "write a version like 1.22.5, a language version like 1.22, or system";

// The words of a pin-file line before any `#` (asdf strips from `#` to the end of the line).
std::vector<std::string_view> pin_words(std::string_view line) {
    return detail::split_words(line.substr(0, line.find('#')));
}

Result<VersionRequest> parse_pin_at(std::string_view word, std::string_view path, int line) {
    auto pin = parse_pin(word);
    if (!pin) {
        return tl::unexpected(at_line(path, line, pin.error().message, k_pin_hint));
    }
    return pin;
}

Status check_text(std::string_view text, std::string_view path) {
    if (auto line = detail::first_nul_line(text)) {
        return tl::unexpected(at_line(path, *line, "binary data, not a version file",
                                      "replace it with a text file holding a version"));
    }
    return {};
}

} // namespace

Result<std::optional<PinLine>> parse_tool_versions(std::string_view text, std::string_view path) {
    if (auto ok = check_text(text, path); !ok) {
        return tl::unexpected(ok.error());
    }
    for (LineCursor lines(text); lines.next();) {
        const auto words = pin_words(lines.line());
        if (words.empty() || (words[0] != "golang" && words[0] != "go")) {
            continue;
        }
        // asdf stops at the first line naming the tool; with no version there, the file does not
        // pin it and the walk goes on to the parent directory.
        if (words.size() == 1) {
            return std::optional<PinLine>{};
        }
        PinLine out;
        out.key = std::string(words[0]);
        out.line = lines.number();
        for (std::size_t i = 1; i < words.size(); ++i) {
            auto pin = parse_pin_at(words[i], path, out.line);
            if (!pin) {
                return tl::unexpected(pin.error());
            }
            out.words.emplace_back(words[i]);
            out.pins.push_back(*pin);
        }
        return std::optional<PinLine>(std::move(out));
    }
    return std::optional<PinLine>{};
}

Result<PinLine> parse_version_file(std::string_view text, std::string_view path) {
    if (auto ok = check_text(text, path); !ok) {
        return tl::unexpected(ok.error());
    }
    for (LineCursor lines(text); lines.next();) {
        const auto words = pin_words(lines.line());
        if (words.empty()) {
            continue;
        }
        auto pin = parse_pin_at(words[0], path, lines.number());
        if (!pin) {
            return tl::unexpected(pin.error());
        }
        return PinLine{"", {std::string(words[0])}, {*pin}, lines.number()};
    }
    return tl::unexpected(at_line(path, 1, "holds no Go version",
                                  "write a version like 1.22.5 into it, or delete it"));
}

std::string pin_in_tool_versions(std::string_view text, std::string_view version) {
    const std::size_t bom = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    for (std::size_t start = bom; start < text.size();) {
        const std::size_t newline = text.find('\n', start);
        const std::size_t end = newline == std::string_view::npos ? text.size() : newline;
        std::string_view line = text.substr(start, end - start);
        const bool cr = line.ends_with('\r');
        if (cr) {
            line.remove_suffix(1);
        }
        const auto words = pin_words(line);
        if (!words.empty() && (words[0] == "golang" || words[0] == "go")) {
            const std::size_t indent = static_cast<std::size_t>(words[0].data() - line.data());
            const auto hash = line.find('#');
            std::string out(text.substr(0, start));
            out += line.substr(0, indent);
            out += words[0];
            out += ' ';
            out += version;
            if (hash != std::string_view::npos) {
                out += ' ';
                out += line.substr(hash);
            }
            out += text.substr(start + line.size()); // "\r\n" or "\n" and the rest, untouched
            return out;
        }
        start = newline == std::string_view::npos ? text.size() : newline + 1;
    }
    const auto first_newline = text.find('\n');
    const bool crlf = first_newline != std::string_view::npos && first_newline > 0 &&
                      text[first_newline - 1] == '\r';
    const char* eol = crlf ? "\r\n" : "\n";
    std::string out(text);
    if (out.size() > bom && out.back() != '\n') {
        // A last line ending in a lone CR is half a CRLF: complete it rather than add another.
        out += out.back() == '\r' ? "\n" : eol;
    }
    out += "golang ";
    out += version;
    out += eol;
    return out;
}

Result<std::optional<std::string>> read_regular_file(const std::string& path,
                                                     std::size_t max_bytes) {
    auto cannot = [&](int err) {
        return fail(ErrorCode::io, "cannot read " + path + ": " + std::strerror(err),
                    "fix its permissions or remove it");
    };
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        const int err = errno;
        // Nothing readable is there: not an error, the walk looks elsewhere. A directory we may
        // not search hides the file the same way.
        if (err == ENOENT || err == ENOTDIR || err == ENAMETOOLONG || err == EACCES) {
            return std::optional<std::string>{};
        }
        return cannot(err);
    }
    if (!S_ISREG(st.st_mode)) {
        return std::optional<std::string>{}; // never open a FIFO or device: it could block
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        const int err = errno;
        if (err == ENOENT || err == ENOTDIR) {
            return std::optional<std::string>{}; // removed since the stat
        }
        return cannot(err);
    }
    auto too_large = [&] {
        return fail(ErrorCode::bad_pin,
                    path + " is larger than " + std::to_string(max_bytes / 1024) +
                        " KiB: not a version file",
                    "check what wrote it, or delete it");
    };
    // Swapped for something else between stat and open: treat as absent, like the stat would.
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return std::optional<std::string>{};
    }
    if (static_cast<std::size_t>(st.st_size) > max_bytes) {
        ::close(fd);
        return too_large();
    }
    std::string data(static_cast<std::size_t>(st.st_size) + 1, '\0');
    std::size_t used = 0;
    while (true) {
        if (used == data.size()) {
            if (used > max_bytes) {
                ::close(fd);
                return too_large(); // it grew while we read
            }
            data.resize(std::min(data.size() * 2 + 64, max_bytes + 1));
        }
        const ssize_t n = ::read(fd, data.data() + used, data.size() - used);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            return cannot(err);
        }
        if (n == 0) {
            break;
        }
        used += static_cast<std::size_t>(n);
    }
    ::close(fd);
    if (used > max_bytes) {
        return too_large();
    }
    data.resize(used);
    return std::optional<std::string>(std::move(data));
}

} // namespace gover
