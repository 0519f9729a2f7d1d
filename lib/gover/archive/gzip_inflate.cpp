#include "gover/archive/gzip_inflate.hpp"

#if GOVER_HAVE_ISAL

#include <algorithm>
#include <cstdint>
#include <exception>
#include <functional>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <isa-l/igzip_lib.h>

namespace gover {
namespace {

constexpr std::size_t k_output_size = 256 * 1024;
// isal_inflate (libisal 2.30) sometimes rejects valid data fed to it a few bytes at a time
// (a dynamic block header split over several tiny inputs fails with ISAL_INVALID_BLOCK, or not,
// depending on where the buffers lie in memory). Small source blocks are therefore joined until
// a whole block header's worth is at hand, unless the stream ends first.
constexpr std::size_t k_min_input = ISAL_DEF_MAX_HDR_SIZE;

std::string isal_problem(int code) {
    switch (code) {
    case ISAL_INVALID_BLOCK:
        return "invalid deflate block";
    case ISAL_INVALID_SYMBOL:
        return "invalid deflate symbol";
    case ISAL_INVALID_LOOKBACK:
        return "invalid back-reference distance";
    case ISAL_INVALID_WRAPPER:
        return "invalid gzip header";
    case ISAL_UNSUPPORTED_METHOD:
        return "not deflate-compressed";
    case ISAL_INCORRECT_CHECKSUM:
        return "CRC-32 or length check failed";
    case ISAL_NEED_DICT:
        return "needs a preset dictionary";
    default:
        return "igzip error " + std::to_string(code);
    }
}

class IsalInflater final : public ByteSource {
  public:
    IsalInflater(ByteSource& compressed, std::string source_name)
        : source_(compressed), name_(std::move(source_name)),
          state_(std::make_unique<inflate_state>()), output_(k_output_size) {}

    Result<std::span<const std::byte>> read() override;

  private:
    enum class Mode { start, inflating, passthrough, done };

    Status want(std::size_t n);
    bool at_gzip_magic() const { return left_ >= 2 && next_[0] == 0x1f && next_[1] == 0x8b; }
    void start_member() {
        isal_inflate_init(state_.get());
        state_->crc_flag = ISAL_GZIP; // parses the header, checks CRC-32 and ISIZE
    }
    tl::unexpected<Error> corrupt(const std::string& what) const {
        return fail(ErrorCode::archive, "cannot unpack " + name_ + ": " + what,
                    "the download is not a valid Go archive; nothing was installed");
    }
    Result<std::span<const std::byte>> inflate();

    ByteSource& source_;
    std::string name_;
    std::unique_ptr<inflate_state> state_; // ~50 KB of tables and window: not on the stack
    std::vector<std::uint8_t> output_;
    std::vector<std::uint8_t> joined_; // a short tail glued to the next block (see want())
    const std::uint8_t* next_ = nullptr;
    std::size_t left_ = 0;
    bool eof_ = false;
    Mode mode_ = Mode::start;
    std::uint64_t consumed_ = 0; // compressed bytes, for messages
};

// Makes at least n input bytes available at next_ unless the stream ends first. A block of the
// source is only valid until the next read, so a short tail (the two magic bytes split across
// blocks) is copied and joined with the next block.
Status IsalInflater::want(std::size_t n) {
    while (left_ < n && !eof_) {
        if (left_ > 0) { // keep the tail: the read invalidates the block it lies in
            // Pointers into different buffers compare only through std::less & co.
            const std::less_equal<const std::uint8_t*> le;
            const std::less<const std::uint8_t*> lt;
            if (!joined_.empty() && le(joined_.data(), next_) &&
                lt(next_, joined_.data() + joined_.size())) {
                joined_.erase(joined_.begin(), joined_.begin() + (next_ - joined_.data()));
            } else {
                joined_.assign(next_, next_ + left_);
            }
            next_ = joined_.data();
        }
        auto block = source_.read();
        if (!block) {
            return tl::unexpected(block.error());
        }
        if (block->empty()) {
            eof_ = true;
            break;
        }
        const auto* data = reinterpret_cast<const std::uint8_t*>(block->data());
        if (left_ == 0) {
            next_ = data;
            left_ = block->size();
        } else {
            joined_.insert(joined_.end(), data, data + block->size());
            next_ = joined_.data();
            left_ = joined_.size();
        }
    }
    return {};
}

Result<std::span<const std::byte>> IsalInflater::read() {
    switch (mode_) {
    case Mode::start:
        if (auto ok = want(2); !ok) {
            return tl::unexpected(ok.error());
        }
        if (at_gzip_magic()) {
            mode_ = Mode::inflating;
            start_member();
            return inflate();
        }
        mode_ = Mode::passthrough;
        [[fallthrough]];
    case Mode::passthrough: {
        if (auto ok = want(1); !ok) {
            return tl::unexpected(ok.error());
        }
        std::span<const std::byte> out(reinterpret_cast<const std::byte*>(next_), left_);
        left_ = 0;
        return out;
    }
    case Mode::inflating:
        return inflate();
    case Mode::done:
        break;
    }
    return std::span<const std::byte>();
}

Result<std::span<const std::byte>> IsalInflater::inflate() {
    inflate_state& st = *state_;
    st.next_out = output_.data();
    st.avail_out = static_cast<std::uint32_t>(output_.size());
    while (st.avail_out > 0 && mode_ == Mode::inflating) {
        if (left_ < k_min_input) {
            if (auto ok = want(k_min_input); !ok) {
                return tl::unexpected(ok.error());
            }
            if (left_ == 0) {
                return corrupt("the gzip stream ends early (after " + std::to_string(consumed_) +
                               " bytes): the archive is truncated");
            }
        }
        st.next_in = const_cast<std::uint8_t*>(next_); // igzip never writes its input
        st.avail_in = static_cast<std::uint32_t>(std::min<std::size_t>(left_, UINT32_MAX));
        const std::uint32_t before = st.avail_in;
        const int r = isal_inflate(&st);
        const std::uint32_t used = before - st.avail_in;
        next_ += used;
        left_ -= used;
        consumed_ += used;
        if (r < 0 || r == ISAL_NEED_DICT) {
            return corrupt("corrupt gzip data at byte " + std::to_string(consumed_) + " (" +
                           isal_problem(r) + ")");
        }
        if (st.block_state == ISAL_BLOCK_FINISH) {
            // Another member may follow (gzip -d reads them all); anything else ends the stream.
            if (auto ok = want(2); !ok) {
                return tl::unexpected(ok.error());
            }
            if (at_gzip_magic()) {
                const auto out_used = static_cast<std::uint32_t>(output_.size()) - st.avail_out;
                start_member();
                st.next_out = output_.data() + out_used;
                st.avail_out = static_cast<std::uint32_t>(output_.size()) - out_used;
            } else {
                mode_ = Mode::done;
            }
        }
    }
    const std::size_t produced = output_.size() - st.avail_out;
    return std::span<const std::byte>(reinterpret_cast<const std::byte*>(output_.data()), produced);
}

// Inflates on a thread of its own, ahead of the reader, so that inflating overlaps tar parsing
// and file creation on the reader's thread (bench/README.md). Memory: the channel's 1 MiB (4
// blocks were as fast as 8, and keep an install's peak RSS under 24 MiB).
class ReadAheadInflater final : public ByteSource {
  public:
    ReadAheadInflater(ByteSource& compressed, std::string source_name)
        : inflater_(compressed, std::move(source_name)), pump_([this] { pump(); }) {}
    ~ReadAheadInflater() override {
        // The reader is done (the tar ended, or it failed): stop inflating what is left. The
        // SHA-256 of the whole download, not the gzip trailer, decides whether it was intact.
        channel_.abort(Error{ErrorCode::internal, "the unpacker stopped reading", ""});
        pump_.join();
    }
    ReadAheadInflater(const ReadAheadInflater&) = delete;
    ReadAheadInflater& operator=(const ReadAheadInflater&) = delete;

    Result<std::span<const std::byte>> read() override { return channel_.read(); }

  private:
    // An exception on this thread would be std::terminate: it ends the stream with an error
    // for the reader instead.
    void pump() noexcept {
        try {
            pump_blocks();
        } catch (const std::exception& e) {
            channel_.close(fail(ErrorCode::internal, std::string("inflating failed: ") + e.what()));
        } catch (...) {
            channel_.close(fail(ErrorCode::internal, "inflating failed"));
        }
    }

    void pump_blocks() {
        while (true) {
            auto block = inflater_.read();
            if (!block) {
                channel_.close(tl::unexpected(block.error()));
                return;
            }
            if (block->empty()) {
                channel_.close({});
                return;
            }
            if (!channel_.push(*block)) {
                return; // aborted by the reader
            }
        }
    }

    IsalInflater inflater_;
    ByteChannel channel_{256 * 1024, 4};
    std::thread pump_; // last: starts once the members it uses exist
};

} // namespace

std::unique_ptr<ByteSource> make_gzip_inflater(ByteSource& compressed, std::string source_name) {
    try {
        return std::make_unique<ReadAheadInflater>(compressed, source_name);
    } catch (const std::system_error&) { // no thread to be had: inflate on the reader's thread
        return std::make_unique<IsalInflater>(compressed, std::move(source_name));
    }
}

} // namespace gover

#else // no ISA-L in this build: libarchive's gzip filter (zlib) inflates

namespace gover {

std::unique_ptr<ByteSource> make_gzip_inflater(ByteSource&, std::string) {
    return nullptr;
}

} // namespace gover

#endif
