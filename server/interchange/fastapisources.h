#pragma once

// Internal to the FastAPI export: the Python files every exported project
// carries verbatim, kept in their own translation units (fastapiruntime.cpp,
// fastapitemplates.cpp) apart from the code that writes the per-workspace main.py.

#include <string_view>

namespace tollgate::server {

extern const std::string_view kFastApiRuntimePy; ///< tollgate_runtime.py
extern const std::string_view kFastApiTemplatesPy; ///< tollgate_templates.py
extern const std::string_view kFastApiRequirements; ///< requirements.txt

} // namespace tollgate::server
