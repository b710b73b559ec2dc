#pragma once

// Mockoon's Handlebars templates in Tollgate's mustache (mockoontemplates.cpp).

#include <string>
#include <string_view>
#include <vector>

namespace tollgate::server {

struct TemplateRewrite {
    std::string text;
    /// Helpers left as written, in order of appearance, each once.
    std::vector<std::string> unsupported;
    bool usesNow = false;
    bool bodyDefault = false;
};

/// The template in Tollgate's syntax, with the helpers it could not rewrite.
TemplateRewrite rewriteMockoonTemplate(std::string_view text);

/// A name mustache resolves as written: no spaces, braces or other characters
/// kainjow would read differently. Dots separate levels only where `dots`
/// allows them.
bool isPlainMustacheName(std::string_view name, bool dots);

} // namespace tollgate::server
