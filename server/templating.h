#pragma once

// Mustache templates for response bodies and header values, compiled once when
// a workspace is applied and rendered per request.

#include <memory>
#include <string>

namespace tollgate::server {

struct RequestContext;

/// A compiled template. Text without tags is kept as-is and costs nothing to
/// "render". Rendering is safe from several threads at once: kainjow's render()
/// mutates the template, so a compiled copy is kept per thread slot.
///
/// In scope: request.method, request.path, request.params.<name>,
/// request.query.<name>, request.headers.<lower-case-name>, request.body (the
/// raw text) and request.json.<field>... (the body parsed as JSON), plus the
/// helpers {{uuid}}, {{now}} (ISO 8601 UTC), {{timestamp}} (Unix seconds) and
/// {{#randomInt}}min max{{/randomInt}}.
class Template {
public:
    Template();
    ~Template();
    Template(Template&&) noexcept;
    Template& operator=(Template&&) noexcept;

    /// Compiles text. On a syntax error returns false and sets *error.
    bool compile(const std::string& text, int threadSlots, std::string* error);

    bool isStatic() const { return m_static; }
    const std::string& text() const { return m_text; }

    /// Renders with the request in scope; threadSlot in [0, threadSlots).
    std::string render(const RequestContext& request, int threadSlot) const;

private:
    struct Compiled;
    std::string m_text;
    bool m_static = true;
    std::unique_ptr<Compiled> m_compiled;
};

} // namespace tollgate::server
