#include <exception>
#include <new>
#include <string>

#include "app.hpp"
#include "output.hpp"

// Whatever escapes the command (it should be nothing: lib/ returns errors as values) still ends
// as one `gover: error:` line and exit 1, never std::terminate's abort.
int main(int argc, char** argv) {
    using namespace gover;
    try {
        return cli::finish_output(cli::run(argc, argv));
    } catch (const std::bad_alloc&) {
        return cli::report(Error{ErrorCode::internal, "out of memory",
                                 "free some memory and run the command again"});
    } catch (const std::exception& e) {
        return cli::report(
            Error{ErrorCode::internal, std::string("unexpected failure: ") + e.what(), ""});
    } catch (...) {
        return cli::report(Error{ErrorCode::internal, "unexpected failure", ""});
    }
}
