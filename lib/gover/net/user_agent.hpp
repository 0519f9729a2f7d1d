#pragma once

#include <string>

namespace gover {

// The User-Agent gover sends: "gover/<version>".
std::string user_agent();

} // namespace gover
