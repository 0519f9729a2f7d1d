#include "gover/net/user_agent.hpp"

namespace gover {

std::string user_agent() {
    return "gover/" GOVER_VERSION_STRING;
}

} // namespace gover
