#pragma once

// Bodies as the response viewer shows them in its Pretty mode.

#include <QByteArray>
#include <QString>

namespace tollgate::ui {

/// Indents JSON keeping the server's key order (QJsonDocument would sort the
/// keys) and leaving invalid input readable rather than rejecting it.
QString prettyJson(const QByteArray& text);
/// Indents XML; text that is not well-formed comes back as it is.
QString prettyXml(const QByteArray& text);

} // namespace tollgate::ui
