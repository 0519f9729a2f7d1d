#include "gover/source/mirror_archive.hpp"

#include <algorithm>

#include "gover/base/sha256.hpp"

namespace gover {
namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string last_url_part(const std::string& url) {
    const auto slash = url.find_last_of('/');
    return slash == std::string::npos ? url : url.substr(slash + 1);
}

Error no_archive(const Release& release, const Platform& platform) {
    const std::string name = release.version.toolchain_name();
    std::string list;
    for (const auto& p : release.archive_platforms()) {
        list += (list.empty() ? "" : ", ") + p;
    }
    if (list.empty()) {
        return Error{ErrorCode::not_found, name + " has no archive for any platform",
                     "pick another version ('gover list-remote')"};
    }
    return Error{ErrorCode::not_found,
                 name + " has no archive for " + platform.str() + " (archives exist for " + list +
                     ")",
                 "pick another version, or another platform with --platform"};
}

// The archive among `archives` that `record` came from: by file name, else by platform.
const ReleaseFile* recorded_archive(const InstallMeta& record,
                                    const std::vector<ReleaseFile>& archives) {
    const std::string recorded_file = last_url_part(record.url);
    const ReleaseFile* by_platform = nullptr;
    for (const auto& file : archives) {
        if (file.kind != "archive") {
            continue;
        }
        if (!recorded_file.empty() && file.filename == recorded_file) {
            return &file;
        }
        if (!by_platform && !record.platform.empty() &&
            Platform{file.os, file.arch}.str() == record.platform) {
            by_platform = &file;
        }
    }
    return by_platform;
}

} // namespace

Result<MirrorArchive> plan_archive(const Release& release, const Platform& platform,
                                   const Mirror& mirror) {
    const ReleaseFile* archive = release.archive_for(platform);
    if (archive == nullptr) {
        return tl::unexpected(no_archive(release, platform));
    }
    if (archive->sha256.empty()) {
        return fail(ErrorCode::checksum,
                    "the index gives no sha256 for " + archive->filename +
                        ", so it cannot be verified",
                    "install a newer release of this series; gover installs only verified "
                    "downloads");
    }
    if (!is_sha256_hex(archive->sha256)) {
        return fail(ErrorCode::index, "the index gives a malformed sha256 for " +
                                          archive->filename + ": " + archive->sha256);
    }
    MirrorArchive plan;
    plan.version = release.version;
    plan.platform = platform;
    plan.url = mirror.file_url(archive->filename);
    plan.filename = archive->filename;
    plan.sha256 = lower(archive->sha256);
    plan.size = archive->size;
    for (const auto& file : release.files) {
        if (file.kind == "archive") {
            plan.release_archives.push_back(file);
        }
    }
    return plan;
}

Status check_archive_record(const GoVersion& version, const InstallMeta& record,
                            const std::vector<ReleaseFile>& archives) {
    if (record.sha256.empty()) {
        return {}; // no hash recorded to compare with (doctor reports that separately)
    }
    const ReleaseFile* listed = recorded_archive(record, archives);
    if (listed == nullptr || listed->sha256.empty()) {
        return {};
    }
    if (lower(record.sha256) != lower(listed->sha256)) {
        return fail(ErrorCode::tampering,
                    "the index now lists sha256 " + lower(listed->sha256) + " for " +
                        listed->filename + ", but the installed " + version.toolchain_name() +
                        " was verified against " + lower(record.sha256) +
                        ": possible tampering with the mirror",
                    "if the change is legitimate, run 'gover uninstall " + version.str() +
                        "' and install again");
    }
    return {};
}

} // namespace gover
