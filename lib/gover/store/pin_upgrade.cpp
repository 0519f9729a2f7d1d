#include "gover/store/pin_upgrade.hpp"

#include <sys/stat.h>

#include "core/spec.hpp"
#include "core/text_lines.hpp"
#include "core/version_files.hpp"
#include "gover/base/atomic_file.hpp"
#include "gover/store/pin_link.hpp"

namespace gover {
namespace {

Error changed(std::string_view path, int line, const std::string& what) {
    return Error{ErrorCode::bad_pin, std::string(path) + ":" + std::to_string(line) + ": " + what,
                 "check the file, then run gover upgrade again"};
}

} // namespace

Result<std::string> replace_pin_version(std::string_view text, std::string_view path, int line,
                                        bool tool_versions, const GoVersion& expected,
                                        std::string_view version) {
    for (detail::LineCursor lines(text); lines.next();) {
        if (lines.number() != line) {
            continue;
        }
        const std::string_view content = lines.line();
        const auto words = detail::split_words(content.substr(0, content.find('#')));
        const std::size_t index = tool_versions ? 1 : 0;
        if (words.size() <= index) {
            return tl::unexpected(changed(path, line, "no longer holds a Go version"));
        }
        const std::string_view word = words[index];
        auto pin = parse_pin(word);
        if (!pin || pin->kind != VersionRequest::Kind::exact || !(pin->version == expected)) {
            return tl::unexpected(
                changed(path, line, "now says " + std::string(word) + ", not " + expected.str()));
        }
        const auto at = static_cast<std::size_t>(word.data() - text.data());
        std::string out(text.substr(0, at));
        out += version;
        out += text.substr(at + word.size());
        return out;
    }
    return tl::unexpected(changed(path, line, "no such line any more"));
}

Status write_upgraded_pin(const PinSource& source, const GoVersion& from, const std::string& to) {
    const auto target = pin_write_target(source.path);
    if (!target) {
        return tl::unexpected(target.error());
    }
    auto text = read_regular_file(target->string(), k_max_pin_file_bytes);
    if (!text) {
        return tl::unexpected(text.error());
    }
    if (!*text) {
        return fail(ErrorCode::io, source.path + " is gone or not a regular file",
                    "check the file, then run gover upgrade again");
    }
    auto edited = replace_pin_version(**text, source.path, source.line,
                                      source.kind == PinSource::Kind::tool_versions, from, to);
    if (!edited) {
        return tl::unexpected(edited.error());
    }
    struct stat st {};
    std::optional<mode_t> mode;
    if (::stat(target->c_str(), &st) == 0) {
        mode = static_cast<mode_t>(st.st_mode & 07777);
    }
    return write_file_atomically(*target, *edited,
                                 AtomicFileOptions{Durability::durable, mode, {}});
}

} // namespace gover
