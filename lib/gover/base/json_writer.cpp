#include "gover/base/json_writer.hpp"

#include <nlohmann/json.hpp>

namespace gover {
namespace {

std::string dump(const nlohmann::json& value) {
    // Paths and file contents are not always UTF-8: replace what is not, never throw.
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string scalar(const JsonScalar& value) {
    return std::visit([](const auto& v) { return dump(nlohmann::json(v)); }, value);
}

} // namespace

JsonScalar json_line_number(int line) {
    return line > 0 ? JsonScalar(std::int64_t{line}) : JsonScalar(nullptr);
}

std::string json_string(std::string_view text) {
    return dump(nlohmann::json(text));
}

std::string json_object(const std::vector<JsonMember>& members) {
    std::string out = "{";
    for (std::size_t i = 0; i < members.size(); ++i) {
        out += i == 0 ? "" : ", ";
        out += json_string(members[i].key) + ": " + scalar(members[i].value);
    }
    return out + "}";
}

std::string json_array(const std::vector<std::string>& items, int indent) {
    if (items.empty()) {
        return "[]\n";
    }
    const std::string pad(static_cast<std::size_t>(indent), ' ');
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i == 0 ? "\n" : ",\n") + pad + items[i];
    }
    return out + "\n]\n";
}

} // namespace gover
