#include "gover/source/archive_fetch.hpp"

#include <algorithm>
#include <exception>
#include <optional>
#include <thread>

#include "gover/archive/archive_extract.hpp"
#include "gover/base/byte_channel.hpp"
#include "gover/base/interrupt.hpp"
#include "gover/base/sha256.hpp"

namespace gover {
namespace {

// The network side: hashes every byte in the download callback and hands it to the unpacker.
// After restart() (a server that ignored Range sends the body again) the bytes already passed
// on are skipped, so the unpacker sees one continuous stream; the final hash decides whether
// the two attempts really agreed.
class StreamingSink final : public DownloadSink {
  public:
    explicit StreamingSink(ByteChannel& channel) : channel_(channel) {}

    Status write(std::span<const std::byte> bytes) override {
        if (position_ < delivered_) {
            const auto skip = std::min<std::uint64_t>(bytes.size(), delivered_ - position_);
            position_ += skip;
            bytes = bytes.subspan(static_cast<std::size_t>(skip));
        }
        if (bytes.empty()) {
            return {};
        }
        hasher_.update(bytes);
        position_ += bytes.size();
        delivered_ += bytes.size();
        auto pushed = channel_.push(bytes);
        if (!pushed) {
            unpacker_stopped_ = true;
        }
        return pushed;
    }
    Status restart() override {
        position_ = 0;
        return {};
    }
    std::uint64_t bytes_written() const override { return position_; }

    std::uint64_t delivered() const { return delivered_; }
    bool unpacker_stopped() const { return unpacker_stopped_; }
    std::string digest() { return hasher_.finish(); }

  private:
    ByteChannel& channel_;
    Sha256 hasher_;
    std::uint64_t position_ = 0;  // offset in the current attempt's body
    std::uint64_t delivered_ = 0; // bytes hashed and handed on
    bool unpacker_stopped_ = false;
};

// Unpacks from the channel on its own thread. Any exception there becomes an error for the
// caller (never std::terminate).
Result<ExtractResult> unpack(ByteChannel& channel, const MirrorArchive& archive,
                             const std::filesystem::path& staging) {
    // With a known size the unpacker keeps reading after a refusal so the download completes
    // and a corrupt download is reported as a checksum mismatch rather than a bad archive.
    const bool drain_after_failure = archive.size > 0;
    Result<ExtractResult> result = fail(ErrorCode::internal, "the unpacker did not run");
    try {
        result = extract_archive(
            channel, staging,
            ExtractOptions{archive.limits, archive.filename, [] { return interrupted(); }});
    } catch (const std::exception& e) {
        result =
            fail(ErrorCode::internal, "unpacking " + archive.filename + " failed: " + e.what());
    }
    if (!result && (!drain_after_failure || result.error().code == ErrorCode::interrupted)) {
        channel.abort(result.error());
    } else {
        (void)channel.drain();
    }
    return result;
}

Status verify(const MirrorArchive& archive, StreamingSink& sink) {
    if (archive.size > 0 && sink.delivered() != archive.size) {
        return fail(ErrorCode::checksum,
                    "size mismatch for " + archive.url + ": expected " +
                        std::to_string(archive.size) + " bytes, got " +
                        std::to_string(sink.delivered()),
                    "the download was cut short or the mirror changed the file; nothing was "
                    "installed");
    }
    const std::string actual = sink.digest();
    if (actual != archive.sha256) {
        return fail(ErrorCode::checksum,
                    "checksum mismatch for " + archive.url + ": expected sha256 " + archive.sha256 +
                        ", got " + actual,
                    "the download is corrupt or the mirror changed the file; nothing was "
                    "installed");
    }
    return {};
}

} // namespace

Result<Fetched> fetch_archive(const MirrorArchive& archive, const Fetcher& fetch,
                              const std::filesystem::path& staging, const FetchProgress& progress) {
    ByteChannel channel(256 * 1024, 4); // 1 MiB ahead of the unpacker (bench/README.md: RSS)
    StreamingSink sink(channel);
    std::optional<Result<ExtractResult>> extracted;
    std::thread unpacker([&]() noexcept {
        try {
            extracted = unpack(channel, archive, staging);
        } catch (...) { // out of memory building an error: still an error, never terminate
            extracted.reset();
            channel.abort(Error{ErrorCode::internal, "the unpacker failed", ""});
        }
    });
    Status fetched = fetch(sink, [&](const DownloadProgress& p) {
        return !progress || progress(p.received, p.total ? p.total : archive.size);
    });
    channel.close(fetched ? Status{} : Status(tl::unexpected(fetched.error())));
    unpacker.join();

    if (!fetched) {
        if (sink.unpacker_stopped() && extracted && !*extracted) {
            return tl::unexpected(extracted->error());
        }
        return tl::unexpected(fetched.error());
    }
    if (auto ok = verify(archive, sink); !ok) {
        return tl::unexpected(ok.error());
    }
    if (!extracted || !*extracted) {
        return tl::unexpected(extracted
                                  ? extracted->error()
                                  : Error{ErrorCode::internal, "the unpacker did not run", ""});
    }
    Fetched out;
    out.record.source = "mirror";
    out.record.url = archive.url;
    out.record.sha256 = archive.sha256;
    out.record.size = sink.delivered();
    out.record.manifest = std::move((*extracted)->manifest);
    out.bytes = sink.delivered();
    return out;
}

} // namespace gover
