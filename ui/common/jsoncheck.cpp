#include "ui/common/jsoncheck.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

namespace tollgate::ui {

namespace {

// Fills [from, to) with "0" followed by blanks, keeping line breaks. A tag
// standing in for a value becomes the number 0; one inside a string stays
// inside the string.
void fill(QString& text, qsizetype from, qsizetype to, bool asValue)
{
    bool first = asValue;
    for (qsizetype i = from; i < to; ++i) {
        if (text.at(i) == QLatin1Char('\n'))
            continue;
        text[i] = first ? QLatin1Char('0') : QLatin1Char(' ');
        first = false;
    }
}

// The tag at `at` ("{{...}}" or "{{{...}}}"); returns its end or -1.
qsizetype tagEnd(const QString& text, qsizetype at, bool* triple)
{
    *triple = text.mid(at, 3) == QLatin1String("{{{");
    const QLatin1String close = *triple ? QLatin1String("}}}") : QLatin1String("}}");
    const qsizetype end = text.indexOf(close, at + (*triple ? 3 : 2));
    return end < 0 ? -1 : end + close.size();
}

} // namespace

QString maskMustache(const QString& text)
{
    QString out = text;
    qsizetype at = 0;
    while ((at = out.indexOf(QLatin1String("{{"), at)) >= 0) {
        bool triple = false;
        const qsizetype end = tagEnd(out, at, &triple);
        if (end < 0)
            break;
        const QChar kind = out.size() > at + 2 ? out.at(at + 2) : QChar();
        if (!triple && (kind == QLatin1Char('#') || kind == QLatin1Char('^'))) {
            // A section renders as some value (a list, {{#randomInt}}1 9{{/randomInt}}):
            // mask through its closing tag so inner text cannot break the JSON.
            const QString name = out.mid(at + 3, end - at - 5).trimmed();
            const QString closing = QStringLiteral("{{/") + name + QStringLiteral("}}");
            const qsizetype close = out.indexOf(closing, end);
            const qsizetype sectionEnd = close < 0 ? end : close + closing.size();
            fill(out, at, sectionEnd, true);
            at = sectionEnd;
            continue;
        }
        // Comments and closing tags render as nothing.
        const bool empty = !triple && (kind == QLatin1Char('!') || kind == QLatin1Char('/'));
        fill(out, at, end, !empty);
        at = end;
    }
    return out;
}

std::optional<JsonProblem> findJsonProblem(const QString& text)
{
    const QString masked = maskMustache(text);
    if (masked.trimmed().isEmpty())
        return std::nullopt;
    const QByteArray utf8 = masked.toUtf8();
    QJsonParseError error;
    QJsonDocument::fromJson(utf8, &error);
    if (error.error == QJsonParseError::NoError)
        return std::nullopt;

    // The offset counts UTF-8 bytes; masking kept QChar positions, so decode
    // the prefix to get a position in the editor's text.
    const int offset = std::clamp(error.offset, 0, int(utf8.size()));
    QString prefix = QString::fromUtf8(utf8.left(offset));
    // Qt reports the offset after the character that broke the parse, past
    // any white space it skipped ("tru\n}" points at the brace): step back to
    // the offending character so the mark sits where the mistake is.
    qsizetype position = prefix.size();
    if (position > 0)
        --position;
    while (position > 0 && masked.at(position).isSpace())
        --position;
    prefix.truncate(position);
    JsonProblem problem;
    problem.position = int(position);
    problem.line = int(prefix.count(QLatin1Char('\n'))) + 1;
    problem.column = int(prefix.size() - (prefix.lastIndexOf(QLatin1Char('\n')) + 1)) + 1;
    problem.message = error.errorString();
    return problem;
}

bool looksLikeJson(const QString& text)
{
    for (const QChar c : text) {
        if (c.isSpace())
            continue;
        return c == QLatin1Char('{') || c == QLatin1Char('[');
    }
    return false;
}

} // namespace tollgate::ui
