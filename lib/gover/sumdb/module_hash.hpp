#pragma once
// The "h1:" hash of a Go module zip (golang.org/x/mod/sumdb/dirhash's Hash1): base64 of the
// SHA-256 of the lines "<sha256 hex>  <name>\n" of all its files, sorted by name. Built
// incrementally: feed each file's name and digest as it is unpacked, in any order.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace gover::sumdb {

class ModuleHash1 {
  public:
    // One file: its full name in the zip (e.g. "golang.org/toolchain@v0.0.1-go1.22.5.linux-amd64/
    // bin/go") and its SHA-256 as 64 hex digits. A name holding '\n' or a digest that is not
    // 64 hex digits is an ErrorCode::archive error naming it.
    Status add(std::string_view name, std::string_view sha256_hex);

    // "h1:<base64>" over every file added so far.
    std::string finish() const;

    std::size_t size() const { return files_.size(); }

  private:
    std::vector<std::pair<std::string, std::string>> files_; // name, lower-case hex
};

} // namespace gover::sumdb
