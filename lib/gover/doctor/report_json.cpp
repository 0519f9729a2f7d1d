#include "gover/doctor/report_json.hpp"

#include "gover/base/json_writer.hpp"

namespace gover::doctor {

std::string findings_to_json(const Findings& findings, WithFixed with_fixed) {
    std::vector<std::string> items;
    for (const auto& f : findings) {
        std::vector<JsonMember> item = {
            {"check", f.check},
            {"severity", std::string(severity_name(f.severity))},
            {"message", f.message},
            {"fix", f.fix},
        };
        if (with_fixed == WithFixed::yes) {
            item.push_back({"fixed", f.fixed});
        }
        items.push_back(json_object(item));
    }
    return json_array(items, 2);
}

} // namespace gover::doctor
