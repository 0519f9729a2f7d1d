#include "gover/base/byte_channel.hpp"

#include <algorithm>
#include <cstring>

namespace gover {

ByteChannel::ByteChannel(std::size_t chunk_size, std::size_t chunks)
    : chunk_size_(std::max<std::size_t>(chunk_size, 1)), chunks_(std::max<std::size_t>(chunks, 2)) {
    for (std::size_t i = 0; i < chunks_.size(); ++i) {
        free_.push_back(i);
    }
}

Status ByteChannel::push(std::span<const std::byte> bytes) {
    std::unique_lock lock(mutex_);
    while (!bytes.empty()) {
        if (aborted_) {
            return tl::unexpected(*aborted_);
        }
        if (!filling_) {
            changed_.wait(lock, [&] { return aborted_ || !free_.empty(); });
            if (aborted_) {
                return tl::unexpected(*aborted_);
            }
            filling_ = free_.back();
            free_.pop_back();
            Chunk& fresh = chunks_[*filling_];
            if (fresh.data.size() != chunk_size_) {
                fresh.data.resize(chunk_size_); // allocated on first use only
            }
            fresh.used = 0;
        }
        Chunk& chunk = chunks_[*filling_];
        const std::size_t n = std::min(bytes.size(), chunk_size_ - chunk.used);
        // Copying under the lock is fine: the consumer never touches a chunk being filled.
        std::memcpy(chunk.data.data() + chunk.used, bytes.data(), n);
        chunk.used += n;
        bytes = bytes.subspan(n);
        if (chunk.used == chunk_size_) {
            filled_.push_back(*filling_);
            filling_.reset();
            changed_.notify_all();
        }
    }
    return {};
}

void ByteChannel::close(Status end) {
    std::lock_guard lock(mutex_);
    if (filling_) {
        if (chunks_[*filling_].used > 0) {
            filled_.push_back(*filling_);
        } else {
            free_.push_back(*filling_);
        }
        filling_.reset();
    }
    if (!end_) {
        end_ = std::move(end);
    }
    changed_.notify_all();
}

Result<std::span<const std::byte>> ByteChannel::read() {
    std::unique_lock lock(mutex_);
    if (reading_) {
        free_.push_back(*reading_);
        reading_.reset();
        changed_.notify_all();
    }
    changed_.wait(lock, [&] { return !filled_.empty() || end_.has_value(); });
    if (!filled_.empty()) {
        reading_ = filled_.front();
        filled_.pop_front();
        const Chunk& chunk = chunks_[*reading_];
        return std::span<const std::byte>(chunk.data.data(), chunk.used);
    }
    if (!*end_) {
        return tl::unexpected(end_->error());
    }
    return std::span<const std::byte>{};
}

void ByteChannel::abort(Error why) {
    std::lock_guard lock(mutex_);
    if (!aborted_) {
        aborted_ = std::move(why);
    }
    changed_.notify_all();
}

Status ByteChannel::drain() {
    while (true) {
        auto block = read();
        if (!block) {
            return tl::unexpected(block.error());
        }
        if (block->empty()) {
            return {};
        }
    }
}

} // namespace gover
