#include "ui/widgets/jsonhighlighter.h"

#include <algorithm>

namespace tollgate::ui {

namespace {

bool isNumberStart(QChar c)
{
    return c.isDigit() || c == QLatin1Char('-');
}

bool isNumberChar(QChar c)
{
    return c.isDigit() || c == QLatin1Char('.') || c == QLatin1Char('e') || c == QLatin1Char('E')
        || c == QLatin1Char('+') || c == QLatin1Char('-');
}

} // namespace

JsonHighlighter::JsonHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document)
{
    setDark(false);
}

void JsonHighlighter::setDark(bool dark)
{
    m_key.setForeground(dark ? QColor(0x8a, 0xc6, 0xf2) : QColor(0x0b, 0x5c, 0xa3));
    m_string.setForeground(dark ? QColor(0xa6, 0xd8, 0x8a) : QColor(0x2c, 0x7a, 0x1e));
    m_number.setForeground(dark ? QColor(0xf2, 0xb4, 0x82) : QColor(0xb0, 0x50, 0x00));
    m_literal.setForeground(dark ? QColor(0xd2, 0x9b, 0xf0) : QColor(0x80, 0x30, 0xa8));
    m_literal.setFontWeight(QFont::Bold);
    m_punctuation.setForeground(dark ? QColor(0x9a, 0xa0, 0xa6) : QColor(0x60, 0x66, 0x6c));
    m_tag.setForeground(dark ? QColor(0xff, 0xd3, 0x6e) : QColor(0x9a, 0x3b, 0x00));
    m_tag.setBackground(dark ? QColor(0x4a, 0x3d, 0x16) : QColor(0xff, 0xf1, 0xc6));
    m_tag.setFontWeight(QFont::Bold);
    rehighlight();
}

void JsonHighlighter::highlightBlock(const QString& text)
{
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('"')) {
            qsizetype end = i + 1;
            while (end < n && text.at(end) != QLatin1Char('"')) {
                if (text.at(end) == QLatin1Char('\\'))
                    ++end;
                ++end;
            }
            end = std::min(end + 1, n);
            // A string followed by ':' is an object key.
            qsizetype next = end;
            while (next < n && text.at(next).isSpace())
                ++next;
            const bool key = next < n && text.at(next) == QLatin1Char(':');
            setFormat(int(i), int(end - i), key ? m_key : m_string);
            i = end;
        } else if (isNumberStart(c)) {
            qsizetype end = i + 1;
            while (end < n && isNumberChar(text.at(end)))
                ++end;
            setFormat(int(i), int(end - i), m_number);
            i = end;
        } else if (c.isLetter()) {
            qsizetype end = i + 1;
            while (end < n && text.at(end).isLetter())
                ++end;
            const QStringView word = QStringView(text).mid(i, end - i);
            if (word == QLatin1String("true") || word == QLatin1String("false")
                || word == QLatin1String("null"))
                setFormat(int(i), int(end - i), m_literal);
            i = end;
        } else if (c == QLatin1Char('{') || c == QLatin1Char('}') || c == QLatin1Char('[')
            || c == QLatin1Char(']') || c == QLatin1Char(':') || c == QLatin1Char(',')) {
            setFormat(int(i), 1, m_punctuation);
            ++i;
        } else {
            ++i;
        }
    }

    // Mustache tags last, so they stand out even inside strings.
    qsizetype at = 0;
    while ((at = text.indexOf(QLatin1String("{{"), at)) >= 0) {
        const bool triple = text.mid(at, 3) == QLatin1String("{{{");
        const QLatin1String close = triple ? QLatin1String("}}}") : QLatin1String("}}");
        const qsizetype end = text.indexOf(close, at + 2);
        if (end < 0) {
            setFormat(int(at), int(n - at), m_tag);
            break;
        }
        setFormat(int(at), int(end + close.size() - at), m_tag);
        at = end + close.size();
    }
}

} // namespace tollgate::ui
