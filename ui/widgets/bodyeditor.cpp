#include "ui/widgets/bodyeditor.h"

#include "ui/common/appearance.h"
#include "ui/common/jsoncheck.h"
#include "ui/widgets/jsonhighlighter.h"

#include <QEvent>
#include <QPainter>
#include <QTextBlock>
#include <QTimer>

#ifdef TOLLGATE_HAVE_KF6
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#endif

namespace tollgate::ui {

namespace {

constexpr int kValidateDelayMs = 150;

#ifdef TOLLGATE_HAVE_KF6
// Loading the syntax definitions costs tens of milliseconds: every editor
// shares one repository.
KSyntaxHighlighting::Repository& repository()
{
    static KSyntaxHighlighting::Repository repo;
    return repo;
}
#endif

class LineNumberArea final : public QWidget {
    Q_DISABLE_COPY_MOVE(LineNumberArea)

public:
    explicit LineNumberArea(BodyEditor* editor)
        : QWidget(editor)
        , m_editor(editor)
    {
    }

    QSize sizeHint() const override { return { m_editor->lineNumberAreaWidth(), 0 }; }

protected:
    void paintEvent(QPaintEvent* event) override { m_editor->paintLineNumbers(event); }

private:
    BodyEditor* m_editor;
};

} // namespace

BodyEditor::BodyEditor(QWidget* parent)
    : QPlainTextEdit(parent)
    , m_lineNumbers(new LineNumberArea(this))
    , m_validateTimer(new QTimer(this))
{
    setFont(monospaceFont());
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 2);
    setPlaceholderText(tr("Response body. Mustache tags like {{request.params.id}} are "
                          "rendered per request."));

    m_validateTimer->setSingleShot(true);
    m_validateTimer->setInterval(kValidateDelayMs);
    connect(m_validateTimer, &QTimer::timeout, this, &BodyEditor::validateNow);
    connect(this, &QPlainTextEdit::textChanged, m_validateTimer, qOverload<>(&QTimer::start));

    connect(this, &QPlainTextEdit::blockCountChanged, this, &BodyEditor::updateLineNumberAreaWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &BodyEditor::updateLineNumberArea);
    // The current line's number is drawn stronger.
    connect(
        this, &QPlainTextEdit::cursorPositionChanged, m_lineNumbers, qOverload<>(&QWidget::update));
    updateLineNumberAreaWidth();
    applyHighlighting();
}

BodyEditor::~BodyEditor() = default;

void BodyEditor::setContentType(const QString& contentType)
{
    if (contentType == m_contentType)
        return;
    m_contentType = contentType;
    validateNow();
}

bool BodyEditor::shouldValidateJson() const
{
    if (m_contentType.contains(QLatin1String("json"), Qt::CaseInsensitive))
        return true;
    if (!m_contentType.trimmed().isEmpty())
        return false;
    return looksLikeJson(toPlainText());
}

void BodyEditor::validateNow()
{
    m_validateTimer->stop();
    const bool json = shouldValidateJson();
    if (json != m_highlightJson || !m_highlighter) {
        m_highlightJson = json;
        applyHighlighting();
    }

    QString message;
    QList<QTextEdit::ExtraSelection> selections;
    if (json) {
        if (const auto problem = findJsonProblem(toPlainText())) {
            message = tr("Invalid JSON at line %1, column %2: %3")
                          .arg(problem->line)
                          .arg(problem->column)
                          .arg(problem->message);
            QTextEdit::ExtraSelection selection;
            selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            selection.format.setUnderlineColor(QColor(0xe0, 0x30, 0x30));
            // Underline the character at the error; at the end of a line or
            // of the text there is none, so take the one before.
            QTextCursor cursor(document());
            const int last = std::max(0, document()->characterCount() - 1);
            int pos = std::clamp(problem->position, 0, last);
            const QChar at = document()->characterAt(pos);
            if ((pos == last || at == QChar::ParagraphSeparator || at == QLatin1Char('\n'))
                && pos > 0)
                --pos;
            cursor.setPosition(pos);
            cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
            selection.cursor = cursor;
            selections.append(selection);
        }
    }
    setExtraSelections(selections);
    if (message != m_problem) {
        m_problem = message;
        Q_EMIT problemChanged(message);
    }
}

void BodyEditor::applyHighlighting()
{
    const bool dark = isDarkPalette(palette());
#ifdef TOLLGATE_HAVE_KF6
    auto* highlighter = static_cast<KSyntaxHighlighting::SyntaxHighlighter*>(m_highlighter);
    if (!highlighter) {
        highlighter = new KSyntaxHighlighting::SyntaxHighlighter(document());
        m_highlighter = highlighter;
    }
    KSyntaxHighlighting::Definition definition;
    if (m_highlightJson)
        definition = repository().definitionForName(QStringLiteral("JSON"));
    else if (!m_contentType.isEmpty())
        definition = repository().definitionForMimeType(
            m_contentType.section(QLatin1Char(';'), 0, 0).trimmed());
    highlighter->setDefinition(definition);
    highlighter->setTheme(
        repository().defaultTheme(dark ? KSyntaxHighlighting::Repository::DarkTheme
                                       : KSyntaxHighlighting::Repository::LightTheme));
    highlighter->rehighlight();
#else
    if (!m_highlightJson) {
        // Plain text: dropping the highlighter clears its formats.
        delete m_highlighter;
        m_highlighter = nullptr;
        return;
    }
    auto* highlighter = static_cast<JsonHighlighter*>(m_highlighter);
    if (!highlighter) {
        highlighter = new JsonHighlighter(document());
        m_highlighter = highlighter;
    }
    highlighter->setDark(dark);
#endif
}

void BodyEditor::changeEvent(QEvent* event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        // The theme follows the palette's lightness.
        applyHighlighting();
    } else if (event->type() == QEvent::FontChange) {
        updateLineNumberAreaWidth();
    }
}

int BodyEditor::lineNumberAreaWidth() const
{
    int digits = 1;
    for (int max = std::max(1, blockCount()); max >= 10; max /= 10)
        ++digits;
    digits = std::max(digits, 2);
    return 12 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits;
}

void BodyEditor::updateLineNumberAreaWidth()
{
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

void BodyEditor::updateLineNumberArea(const QRect& rect, int dy)
{
    if (dy != 0)
        m_lineNumbers->scroll(0, dy);
    else
        m_lineNumbers->update(0, rect.y(), m_lineNumbers->width(), rect.height());
    if (rect.contains(viewport()->rect()))
        updateLineNumberAreaWidth();
}

void BodyEditor::resizeEvent(QResizeEvent* event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    m_lineNumbers->setGeometry(QRect(cr.left(), cr.top(), lineNumberAreaWidth(), cr.height()));
}

void BodyEditor::paintLineNumbers(QPaintEvent* event)
{
    QPainter painter(m_lineNumbers);
    const QPalette pal = palette();
    painter.fillRect(event->rect(), pal.color(QPalette::AlternateBase));
    painter.setPen(pal.color(QPalette::Mid));
    painter.drawLine(m_lineNumbers->width() - 1, event->rect().top(), m_lineNumbers->width() - 1,
        event->rect().bottom());

    QTextBlock block = firstVisibleBlock();
    int number = block.blockNumber();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    const int current = textCursor().blockNumber();
    const int height = fontMetrics().height();
    painter.setFont(font());
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top()) {
            painter.setPen(number == current ? pal.color(QPalette::Text)
                                             : pal.color(QPalette::PlaceholderText));
            painter.drawText(0, top, m_lineNumbers->width() - 6, height, Qt::AlignRight,
                QString::number(number + 1));
        }
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
        ++number;
    }
}

} // namespace tollgate::ui
