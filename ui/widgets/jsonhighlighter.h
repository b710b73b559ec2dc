#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace tollgate::ui {

/// JSON colouring for hosts without KSyntaxHighlighting: keys, strings,
/// numbers, literals, and mustache tags ({{request.params.id}}) set apart
/// because they are what makes a body dynamic.
class JsonHighlighter final : public QSyntaxHighlighter {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonHighlighter)

public:
    explicit JsonHighlighter(QTextDocument* document);

    /// Picks colours that read on a dark or a light background.
    void setDark(bool dark);

protected:
    void highlightBlock(const QString& text) override;

private:
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
    QTextCharFormat m_punctuation;
    QTextCharFormat m_tag;
};

} // namespace tollgate::ui
