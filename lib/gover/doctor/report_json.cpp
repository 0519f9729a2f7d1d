#include "gover/doctor/report_json.hpp"

#include <nlohmann/json.hpp>

namespace gover::doctor {

std::string findings_to_json(const Findings& findings, WithFixed with_fixed) {
    nlohmann::ordered_json array = nlohmann::ordered_json::array();
    for (const auto& f : findings) {
        nlohmann::ordered_json item;
        item["check"] = f.check;
        item["severity"] = std::string(severity_name(f.severity));
        item["message"] = f.message;
        item["fix"] = f.fix;
        if (with_fixed == WithFixed::yes) {
            item["fixed"] = f.fixed;
        }
        array.push_back(std::move(item));
    }
    // Paths and file contents are not always UTF-8: replace what is not, never throw.
    return array.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

} // namespace gover::doctor
