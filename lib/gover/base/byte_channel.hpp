#pragma once
// A bounded hand-off of bytes from the network thread to the unpacking thread, so download,
// hashing and unpacking overlap and memory stays fixed (chunk_size * chunks) whatever the size.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

#include "core/error.hpp"

namespace gover {

// Where an unpacker pulls bytes from. read() returns the next block (valid until the next call),
// an empty span at the end, or the error that ended the stream.
class ByteSource {
  public:
    virtual ~ByteSource() = default;
    virtual Result<std::span<const std::byte>> read() = 0;
};

class ByteChannel final : public ByteSource {
  public:
    explicit ByteChannel(std::size_t chunk_size = 256 * 1024, std::size_t chunks = 8);

    // Producer: copies bytes in, blocking while every chunk is full. Fails with the consumer's
    // error once it has given up.
    Status push(std::span<const std::byte> bytes);
    // Producer: no more bytes; `end` is what read() reports after the last block (success: EOF).
    void close(Status end);

    // Consumer.
    Result<std::span<const std::byte>> read() override;
    // Consumer: stop the producer; its next push() fails with `why`.
    void abort(Error why);
    // Consumer: reads and drops everything up to the end, returning how the stream ended.
    Status drain();

  private:
    struct Chunk {
        std::vector<std::byte> data;
        std::size_t used = 0;
    };
    std::size_t chunk_size_;
    std::vector<Chunk> chunks_;
    std::vector<std::size_t> free_;      // indexes of empty chunks
    std::deque<std::size_t> filled_;     // ready for the consumer, in order
    std::optional<std::size_t> filling_; // producer's current chunk
    std::optional<std::size_t> reading_; // consumer's current chunk
    std::optional<Status> end_;
    std::optional<Error> aborted_;
    std::mutex mutex_;
    std::condition_variable changed_;
};

} // namespace gover
