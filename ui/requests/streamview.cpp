#include "ui/requests/streamview.h"

#include "ui/requests/eventstreammodel.h"
#include "ui/widgets/bodyeditor.h"
#include "ui/widgets/readonlytable.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTextCursor>
#include <QVBoxLayout>

#include <algorithm>

namespace tollgate::ui {

namespace {

bool atEnd(const QScrollBar* bar)
{
    return bar->value() >= bar->maximum();
}

} // namespace

StreamView::StreamView(QWidget* parent)
    : QWidget(parent)
    , m_model(new EventStreamModel(this))
{
    setObjectName(QStringLiteral("streamView"));

    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("streamState"));
    QFont bold = m_state->font();
    bold.setBold(true);
    m_state->setFont(bold);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("streamSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* summaryRow = new QHBoxLayout;
    summaryRow->setSpacing(10);
    summaryRow->addWidget(m_state);
    summaryRow->addWidget(m_summary, 1);

    m_table = makeReadOnlyTable("streamEvents", m_model, this);
    QHeaderView* header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    fitColumn(m_table, EventStreamModel::TimeColumn, QStringLiteral("000,000"));
    fitColumn(m_table, EventStreamModel::EventColumn, QStringLiteral("message"));
    fitColumn(m_table, EventStreamModel::IdColumn, QStringLiteral("0000"));

    auto* events = new QSplitter(Qt::Horizontal, this);
    events->setChildrenCollapsible(false);
    events->addWidget(m_table);
    events->addWidget(buildDetail());
    events->setStretchFactor(0, 3);
    events->setStretchFactor(1, 2);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("streamSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(buildTextBox());
    m_splitter->addWidget(events);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(summaryRow);
    layout->addWidget(m_splitter, 1);

    // Whether to follow is decided before the rows move the scroll bar.
    connect(m_model, &EventStreamModel::rowsAboutToBeInserted, this,
        [this] { m_follow = atEnd(m_table->verticalScrollBar()); });
    connect(m_model, &EventStreamModel::rowsInserted, this, [this] {
        if (m_follow)
            m_table->scrollToBottom();
    });
    connect(m_model, &EventStreamModel::changed, this, &StreamView::updateSummary);
    connect(m_model, &EventStreamModel::textAppended, this, &StreamView::appendText);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &StreamView::showSelected);

    m_textBox->hide();
}

StreamView::~StreamView() = default;

QWidget* StreamView::buildTextBox()
{
    m_textBox = new QWidget(this);
    m_textTitle = new QLabel(m_textBox);
    m_textTitle->setObjectName(QStringLiteral("streamTextTitle"));
    m_text = new QPlainTextEdit(m_textBox);
    m_text->setObjectName(QStringLiteral("streamText"));
    m_text->setReadOnly(true);
    m_text->setToolTip(tr("The content of the chat.completion.chunk events so far, joined"));
    auto* layout = new QVBoxLayout(m_textBox);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_textTitle);
    layout->addWidget(m_text, 1);
    return m_textBox;
}

QWidget* StreamView::buildDetail()
{
    auto* box = new QWidget(this);
    m_detailMeta = new QLabel(box);
    m_detailMeta->setObjectName(QStringLiteral("streamEventMeta"));
    m_detailMeta->setWordWrap(true);
    m_detailMeta->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail = new BodyEditor(box);
    m_detail->setObjectName(QStringLiteral("streamEventDetail"));
    m_detail->setReadOnly(true);
    m_detail->setPlaceholderText(tr("Select an event to see its data."));
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_detailMeta);
    layout->addWidget(m_detail, 1);
    return box;
}

void StreamView::reset()
{
    m_live = false;
    m_follow = true;
    m_model->clear();
    m_text->clear();
    m_textBox->hide();
    m_detailMeta->clear();
    m_detail->clear();
}

void StreamView::begin()
{
    reset();
    m_live = true;
    updateSummary();
}

void StreamView::append(QByteArrayView bytes, qint64 atMs)
{
    if (m_live)
        m_model->append(bytes, atMs);
}

void StreamView::finish(End end, const QString& why)
{
    if (!m_live)
        return;
    m_live = false;
    m_model->finish();
    switch (end) {
    case End::Server:
        m_state->setText(tr("Ended"));
        m_state->setToolTip(tr("The server closed the stream"));
        break;
    case End::Stopped:
        m_state->setText(tr("Stopped"));
        m_state->setToolTip(tr("You stopped the stream; what arrived until then is kept"));
        break;
    case End::Failed:
        m_state->setText(tr("Cut off"));
        m_state->setToolTip(why);
        break;
    }
}

void StreamView::updateSummary()
{
    const EventStreamModel& m = *m_model;
    if (m_live) {
        m_state->setText(tr("Streaming…"));
        m_state->setToolTip(tr("Events are shown as they arrive; Stop (Esc) ends the stream"));
    }
    QStringList parts;
    parts << tr("%n event(s)", nullptr, m.eventCount());
    if (m.rowCount() < m.eventCount())
        parts << tr("the first %1 listed").arg(QLocale().toString(m.rowCount()));
    if (m.firstEventMs() >= 0)
        parts << tr("first after %1 ms").arg(QLocale().toString(m.firstEventMs()));
    if (const double rate = m.eventsPerSecond(); rate > 0)
        parts << tr("%1 events/s").arg(QLocale().toString(rate, 'f', rate < 10 ? 2 : 1));
    if (m.commentCount() > 0)
        parts << tr("%n heartbeat comment(s)", nullptr, m.commentCount());
    if (m.retryMs() >= 0)
        parts << tr("retry %1 ms").arg(QLocale().toString(m.retryMs()));
    m_summary->setText(parts.join(QStringLiteral(" · ")));

    if (m.chunkCount() > 0) {
        QStringList title { tr("Assembled text, %n chunk(s)", nullptr, m.chunkCount()) };
        if (!m.finishReason().isEmpty())
            title << tr("finish reason: %1").arg(m.finishReason());
        if (m.doneSeen())
            title << QStringLiteral("[DONE]");
        m_textTitle->setText(title.join(QStringLiteral(" · ")));
        if (m_textBox->isHidden()) {
            // A few lines of text to start with; the table keeps the rest.
            m_textBox->show();
            const int text
                = m_text->fontMetrics().lineSpacing() * 5 + m_textTitle->sizeHint().height();
            m_splitter->setSizes({ text, std::max(0, m_splitter->height() - text) });
        }
    }
    if (m.eventCount() != m_shownCount) {
        m_shownCount = m.eventCount();
        Q_EMIT eventCountChanged(m_shownCount);
    }
}

void StreamView::appendText(const QString& text)
{
    const bool follow = atEnd(m_text->verticalScrollBar());
    QTextCursor end(m_text->document());
    end.movePosition(QTextCursor::End);
    end.insertText(text);
    if (follow)
        m_text->verticalScrollBar()->setValue(m_text->verticalScrollBar()->maximum());
}

void StreamView::showSelected()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid()) {
        m_detailMeta->clear();
        m_detail->clear();
        return;
    }
    const SseEvent& e = m_model->event(current.row());
    QStringList meta { e.type };
    if (e.hasId)
        meta << tr("id %1").arg(e.id);
    else if (!e.lastEventId.isEmpty())
        meta << tr("Last-Event-ID still %1").arg(e.lastEventId);
    if (e.retryMs >= 0)
        meta << tr("retry %1 ms").arg(QLocale().toString(e.retryMs));
    meta << tr("at %1 ms").arg(QLocale().toString(e.atMs));
    if (!e.complete)
        meta << tr("incomplete: the stream ended before its blank line");
    m_detailMeta->setText(meta.join(QStringLiteral(" · ")));
    bool json = false;
    const QString pretty = prettyEventData(e.data, &json);
    m_detail->setContentType(
        json ? QStringLiteral("application/json") : QStringLiteral("text/plain"));
    m_detail->setPlainText(pretty);
}

QString StreamView::stateText() const
{
    return m_state->text();
}

QString StreamView::summaryText() const
{
    return m_summary->text();
}

QString StreamView::text() const
{
    return m_text->toPlainText();
}

} // namespace tollgate::ui
