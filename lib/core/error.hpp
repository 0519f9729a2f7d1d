#pragma once
// Errors as values: every fallible library function returns Result<T>. The CLI maps the code to
// an exit status and prints "gover: error: <message> (<hint>)".

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace gover {

enum class ErrorCode {
    usage,         // malformed spec or argument: exit 2
    not_found,     // no such version, file, release or archive for the platform
    not_installed, // a pinned or named version is missing from the store
    no_pin,        // nothing selects a version
    bad_pin,       // a pin file or variable holds something that is not a version
    network,       // connection, TLS, HTTP status, timeout
    checksum,      // sha256 or size mismatch
    tampering,     // the index changed the sha256 of an installed version
    archive,       // malformed or hostile archive
    index,         // malformed release index
    io,            // file system
    interrupted,   // SIGINT / SIGTERM
    internal,
};

struct Error {
    ErrorCode code = ErrorCode::internal;
    std::string message; // what went wrong, naming the path/URL/version
    std::string hint;    // what to do about it; may be empty
};

template <class T> using Result = tl::expected<T, Error>;
using Status = Result<void>;

inline tl::unexpected<Error> fail(ErrorCode code, std::string message, std::string hint = {}) {
    return tl::unexpected<Error>(Error{code, std::move(message), std::move(hint)});
}

} // namespace gover
