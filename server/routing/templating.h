#pragma once

// Mustache templates for response bodies and header values, compiled once when
// a workspace is applied and rendered per request.

#include <memory>
#include <string>

namespace tollgate::server {

struct RequestContext;

/// A compiled template. Text without "{{" is kept as-is and costs nothing to
/// "render". Rendering is safe from several threads at once as long as each
/// thread uses its own slot: kainjow's render() is non-const and records errors
/// in the template, so a compiled copy is kept per thread slot.
///
/// In scope: request.method, request.path, request.id (the X-Request-ID the
/// response carries), request.params.<name>,
/// request.query.<name>, request.headers.<lower-case-name>, request.body (the
/// raw text) and request.json.<field>... (the body parsed as JSON: objects and
/// arrays become sections, array elements are reachable by index as in
/// request.json.items.0.sku, numbers print in their shortest decimal form, null
/// as nothing; absent when the body is not JSON). Names are resolved on demand,
/// so a render pays only for the fields its text uses. Partials ({{>x}}) render
/// nothing. Helpers: {{uuid}} (random v4, fresh per tag), {{now}} (ISO 8601
/// UTC with milliseconds), {{timestamp}} (Unix seconds) and
/// {{#randomInt}}min max{{/randomInt}} (inclusive; "10-20" works too, a single
/// number n means 0..n, anything else 0..100). In a stream's events,
/// {{stream.index}} is the event's number in the stream (from 0). In a
/// WebSocket route's messages, {{message}} is the message answered and
/// {{message.json.<field>}}... its fields when it is JSON.
///
/// Escaping: {{x}} escapes for a JSON string (backslash, quote, control
/// characters), not for HTML, because bodies are mostly JSON: "{{x}}" inside
/// quotes stays valid JSON whatever x holds. {{{x}}} and {{& x}} insert raw.
/// Header values are escaped the same way, which also keeps CR/LF out of them
/// unless a template uses the raw form.
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
