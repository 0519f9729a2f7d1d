#pragma once
// Inflates the gzip layer of a toolchain archive with ISA-L's igzip, which is about four times
// faster than zlib on a Go archive (bench/README.md), so libarchive only parses the tar stream.
// Builds without ISA-L (GOVER_WITH_ISAL=OFF, or no libisal found) leave inflating to libarchive's
// own gzip filter (zlib). The ISA-L header stays out of this one.

#include <memory>
#include <string>

#include "gover/base/byte_channel.hpp"

namespace gover {

// A ByteSource that yields the inflated bytes of the gzip stream read from `compressed`: one or
// more members, each checked against its CRC-32 and length; bytes after the last member that do
// not start another are ignored (as gzip -d and libarchive do). A stream that does not start with
// the gzip magic passes through unchanged, so the tar reader judges it (as libarchive does with
// an uncompressed tar). A corrupt or truncated stream fails with ErrorCode::archive naming
// `source_name`; an error of `compressed` comes back as it was. Returns nullptr when this build
// has no ISA-L (the caller then lets libarchive inflate).
std::unique_ptr<ByteSource> make_gzip_inflater(ByteSource& compressed, std::string source_name);

} // namespace gover
