#include "gover/base/file_age.hpp"

namespace gover {

std::optional<std::chrono::seconds> file_age(const std::filesystem::path& path) {
    std::error_code ec;
    const auto written = std::filesystem::last_write_time(path, ec);
    if (ec) {
        return std::nullopt;
    }
    return std::chrono::floor<std::chrono::seconds>(std::filesystem::file_time_type::clock::now() -
                                                    written);
}

} // namespace gover
