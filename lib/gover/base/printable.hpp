#pragma once
// Names that come from untrusted input (archive entries, zip names) in one-line messages: control
// bytes become \xNN, so a name can neither break the line nor send escape sequences to a
// terminal, and a long name is cut after 200 bytes with "...".

#include <string>
#include <string_view>

namespace gover {

std::string printable(std::string_view text);

} // namespace gover
