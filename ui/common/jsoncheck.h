#pragma once

// Inline JSON validation for response bodies that may hold mustache tags.

#include <QString>

#include <optional>

namespace tollgate::ui {

struct JsonProblem {
    int position = 0; ///< offset into the checked text (QChar units)
    int line = 1; ///< 1-based
    int column = 1; ///< 1-based
    QString message;
};

/// Replaces every mustache tag and section with a same-length JSON-neutral
/// filler ("0" padded with spaces, newlines kept), so `{"n": {{count}}}` and
/// `"{{request.params.id}}"` parse and errors keep their line and column.
QString maskMustache(const QString& text);

/// Parses text as JSON after masking templates; nullopt when it is valid.
std::optional<JsonProblem> findJsonProblem(const QString& text);

/// True when the text starts (after white space) like a JSON object or array.
bool looksLikeJson(const QString& text);

} // namespace tollgate::ui
