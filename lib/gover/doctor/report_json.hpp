#pragma once
// The JSON form of doctor's findings (README "Troubleshooting"):
// [{"check": str, "severity": "error"|"warning"|"info", "message": str, "fix": str}], each with
// "fixed": bool after --fix.

#include <string>

#include "gover/doctor/finding.hpp"

namespace gover::doctor {

enum class WithFixed { no, yes };

// The array, pretty-printed, ending in a newline.
std::string findings_to_json(const Findings& findings, WithFixed with_fixed);

} // namespace gover::doctor
