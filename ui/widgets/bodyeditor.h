#pragma once

#include <QPlainTextEdit>

class QSyntaxHighlighter;
class QTimer;

namespace tollgate::ui {

/// The response body editor: fixed-pitch, line numbers, syntax colouring
/// (KSyntaxHighlighting when available, JsonHighlighter otherwise) and inline
/// JSON validation that tolerates mustache tags.
class BodyEditor final : public QPlainTextEdit {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BodyEditor)

public:
    explicit BodyEditor(QWidget* parent = nullptr);
    ~BodyEditor() override;

    /// The response's Content-Type (empty when it has none): JSON types are
    /// validated, other types are not; without one the text decides.
    void setContentType(const QString& contentType);
    /// The current validation message, empty when the body is fine.
    QString problem() const { return m_problem; }
    /// Validates now instead of after the debounce (tests, file loads).
    void validateNow();

    int lineNumberAreaWidth() const;
    void paintLineNumbers(QPaintEvent* event);

Q_SIGNALS:
    /// "Invalid JSON at line 3, column 7: ..." or empty once fixed.
    void problemChanged(const QString& message);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    bool shouldValidateJson() const;
    void updateLineNumberAreaWidth();
    void updateLineNumberArea(const QRect& rect, int dy);
    void applyHighlighting();

    QWidget* m_lineNumbers;
    QTimer* m_validateTimer;
    QString m_contentType;
    QString m_problem;
    // JsonHighlighter, or KSyntaxHighlighting::SyntaxHighlighter when built
    // with KF6; held by its base so this header is the same in both builds.
    QSyntaxHighlighter* m_highlighter = nullptr;
    bool m_highlightJson = false;
};

} // namespace tollgate::ui
