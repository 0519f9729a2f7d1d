#include "gover/archive/zip_entry_reader.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#if GOVER_HAVE_ISAL
#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>
#else
#include <zlib.h>
#endif

namespace gover {
namespace {

constexpr std::size_t k_buffer_size = 256 * 1024;
// The input is topped up whenever less than this is left, so the inflater is never handed a
// few bytes at a time (libisal 2.30 can reject a valid block header split over tiny inputs; see
// gzip_inflate.cpp) except at the very end of an entry.
constexpr std::size_t k_refill_below = 64 * 1024;

tl::unexpected<Error> corrupt(const ZipEntry& entry, const std::string& what) {
    return fail(ErrorCode::archive, zip_entry_label(entry.name) + " " + what);
}

} // namespace

// One step of raw deflate: how much was read and written, whether the stream ended, and what
// was wrong when it failed.
struct InflateStep {
    std::size_t consumed = 0;
    std::size_t produced = 0;
    bool finished = false;
    std::string problem; // empty unless the data is corrupt
};

#if GOVER_HAVE_ISAL

struct ZipEntryReader::Inflater {
    inflate_state state{};

    void reset() {
        isal_inflate_init(&state);
        state.crc_flag = ISAL_GZIP_NO_HDR; // raw deflate, with the (gzip = zip) CRC-32 tracked
    }
    std::uint32_t crc() const { return state.crc; }
    InflateStep step(std::span<const std::byte> in, std::span<std::byte> out) {
        state.next_in = reinterpret_cast<std::uint8_t*>(const_cast<std::byte*>(in.data()));
        state.avail_in = static_cast<std::uint32_t>(in.size());
        state.next_out = reinterpret_cast<std::uint8_t*>(out.data());
        state.avail_out = static_cast<std::uint32_t>(out.size());
        const int r = isal_inflate(&state);
        InflateStep s{in.size() - state.avail_in, out.size() - state.avail_out,
                      state.block_state == ISAL_BLOCK_FINISH, ""};
        if (r < 0) {
            s.problem = r == ISAL_INVALID_LOOKBACK ? "invalid back-reference distance"
                        : r == ISAL_INVALID_SYMBOL
                            ? "invalid deflate symbol"
                            : "invalid deflate data (igzip " + std::to_string(r) + ")";
        }
        return s;
    }
};

std::uint32_t zip_crc32(std::uint32_t crc, std::span<const std::byte> bytes) {
    return crc32_gzip_refl(crc, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

#else

struct ZipEntryReader::Inflater {
    z_stream stream{};
    bool open = false;
    std::uint32_t running_crc = 0;

    Inflater() { open = inflateInit2(&stream, -MAX_WBITS) == Z_OK; }
    ~Inflater() {
        if (open) {
            inflateEnd(&stream);
        }
    }
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;
    void reset() {
        if (open) {
            inflateReset(&stream);
        }
        running_crc = 0;
    }
    std::uint32_t crc() const { return running_crc; }
    InflateStep step(std::span<const std::byte> in, std::span<std::byte> out) {
        if (!open) {
            return InflateStep{0, 0, false, "zlib could not start (out of memory)"};
        }
        stream.next_in = reinterpret_cast<Bytef*>(const_cast<std::byte*>(in.data()));
        stream.avail_in = static_cast<uInt>(in.size());
        stream.next_out = reinterpret_cast<Bytef*>(out.data());
        stream.avail_out = static_cast<uInt>(out.size());
        const int r = inflate(&stream, Z_NO_FLUSH);
        InflateStep s{in.size() - stream.avail_in, out.size() - stream.avail_out, r == Z_STREAM_END,
                      ""};
        running_crc = zip_crc32(running_crc, out.first(s.produced));
        if (r != Z_OK && r != Z_STREAM_END && r != Z_BUF_ERROR) {
            s.problem = stream.msg != nullptr ? stream.msg : "invalid deflate data";
        }
        return s;
    }
};

std::uint32_t zip_crc32(std::uint32_t crc, std::span<const std::byte> bytes) {
    // zlib's length is a uInt: feed it in pieces that fit.
    while (!bytes.empty()) {
        const std::size_t n = std::min<std::size_t>(bytes.size(), 1U << 30);
        crc = static_cast<std::uint32_t>(
            ::crc32(crc, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(n)));
        bytes = bytes.subspan(n);
    }
    return crc;
}

#endif

ZipEntryReader::ZipEntryReader(std::function<bool()> cancelled)
    : cancelled_(std::move(cancelled)), inflater_(std::make_unique<Inflater>()),
      input_(k_buffer_size), output_(k_buffer_size) {}

Status ZipEntryReader::check_cancelled(const ZipEntry& entry) const {
    if (cancelled_ && cancelled_()) {
        return fail(ErrorCode::interrupted,
                    "interrupted while reading " + zip_entry_label(entry.name));
    }
    return {};
}

ZipEntryReader::~ZipEntryReader() = default;

Status ZipEntryReader::read(const ZipReadAt& read_at, std::uint64_t data_offset,
                            const ZipEntry& entry, const ZipSink& sink) {
    return entry.method == k_zip_stored ? read_stored(read_at, data_offset, entry, sink)
                                        : read_deflated(read_at, data_offset, entry, sink);
}

Status ZipEntryReader::read_stored(const ZipReadAt& read_at, std::uint64_t data_offset,
                                   const ZipEntry& entry, const ZipSink& sink) {
    std::uint32_t crc = 0;
    for (std::uint64_t done = 0; done < entry.size;) {
        if (auto ok = check_cancelled(entry); !ok) {
            return ok;
        }
        const auto chunk = std::span(output_).first(
            static_cast<std::size_t>(std::min<std::uint64_t>(output_.size(), entry.size - done)));
        if (auto ok = read_at(data_offset + done, chunk); !ok) {
            return ok;
        }
        crc = zip_crc32(crc, chunk);
        if (auto ok = sink(chunk); !ok) {
            return ok;
        }
        done += chunk.size();
    }
    if (crc != entry.crc32) {
        return corrupt(entry, "fails its CRC-32 check");
    }
    return {};
}

Status ZipEntryReader::refill(const ZipReadAt& read_at, std::uint64_t& offset,
                              std::uint64_t& remaining) {
    std::memmove(input_.data(), input_.data() + input_start_, input_left_);
    input_start_ = 0;
    const auto more =
        static_cast<std::size_t>(std::min<std::uint64_t>(input_.size() - input_left_, remaining));
    if (auto ok = read_at(offset, std::span(input_).subspan(input_left_, more)); !ok) {
        return ok;
    }
    input_left_ += more;
    offset += more;
    remaining -= more;
    return {};
}

Status ZipEntryReader::read_deflated(const ZipReadAt& read_at, std::uint64_t data_offset,
                                     const ZipEntry& entry, const ZipSink& sink) {
    inflater_->reset();
    input_start_ = 0;
    input_left_ = 0;
    std::uint64_t offset = data_offset;
    std::uint64_t remaining = entry.compressed_size;
    std::uint64_t produced = 0;
    while (true) {
        // Checked here too, not only by the sink: data that inflates to nothing never reaches it.
        if (auto ok = check_cancelled(entry); !ok) {
            return ok;
        }
        if (input_left_ < k_refill_below && remaining > 0) {
            if (auto ok = refill(read_at, offset, remaining); !ok) {
                return ok;
            }
        }
        const InflateStep s = inflater_->step(std::span(input_).subspan(input_start_, input_left_),
                                              std::span(output_));
        input_start_ += s.consumed;
        input_left_ -= s.consumed;
        if (!s.problem.empty()) {
            return corrupt(entry, "cannot be inflated: " + s.problem);
        }
        if (s.produced > entry.size - produced) {
            return corrupt(entry, "holds more than the " + std::to_string(entry.size) +
                                      " bytes its directory entry declares");
        }
        produced += s.produced;
        if (s.produced > 0) {
            if (auto ok = sink(std::span(output_).first(s.produced)); !ok) {
                return ok;
            }
        }
        if (s.finished) {
            break;
        }
        if (s.consumed == 0 && s.produced == 0 &&
            (remaining == 0 || input_left_ >= k_refill_below)) {
            return corrupt(entry, "cannot be inflated: its data ends early");
        }
    }
    // Compressed bytes after the end of the deflate stream are ignored, as Go's reader does.
    if (produced != entry.size) {
        return corrupt(entry, "holds " + std::to_string(produced) + " bytes, not the " +
                                  std::to_string(entry.size) + " its directory entry declares");
    }
    if (inflater_->crc() != entry.crc32) {
        return corrupt(entry, "fails its CRC-32 check");
    }
    return {};
}

} // namespace gover
