#include "ui/requests/websocketview.h"

#include "ui/common/appearance.h"
#include "ui/common/jsoncheck.h"
#include "ui/requests/eventstreammodel.h"
#include "ui/requests/websocketlogmodel.h"
#include "ui/requests/websocketsession.h"
#include "ui/widgets/bodyeditor.h"
#include "ui/widgets/readonlytable.h"

#include <QButtonGroup>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace tollgate::ui {

namespace {

using State = WebSocketSession::State;

bool atEnd(const QScrollBar* bar)
{
    return bar->value() >= bar->maximum();
}

bool isSendKey(const QKeyEvent* key)
{
    return (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
        && (key->modifiers() & Qt::ControlModifier);
}

void setTextColor(QLabel* label, const QColor& color)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, color);
    label->setPalette(palette);
}

QString dataSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

WebSocketView::WebSocketView(WebSocketSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("webSocketView"));

    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("webSocketState"));
    QFont bold = m_state->font();
    bold.setBold(true);
    m_state->setFont(bold);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("webSocketSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);

    m_insecure = new QToolButton(this);
    m_insecure->setObjectName(QStringLiteral("webSocketInsecureButton"));
    m_insecure->setText(tr("Connect Anyway"));
    m_insecure->setToolTip(tr("Connect once more without verifying the server's certificate"));
    m_insecure->hide();
    connect(m_insecure, &QToolButton::clicked, this, &WebSocketView::connectInsecureRequested);

    m_clear = new QToolButton(this);
    m_clear->setObjectName(QStringLiteral("webSocketClearButton"));
    m_clear->setIcon(QIcon::fromTheme(QStringLiteral("edit-clear-history")));
    m_clear->setText(tr("Clear Log"));
    m_clear->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_clear->setAutoRaise(true);
    m_clear->setToolTip(tr("Empty the log; the session and its counts go on"));
    connect(m_clear, &QToolButton::clicked, this, &WebSocketView::clearLog);

    auto* statusRow = new QHBoxLayout;
    statusRow->setSpacing(10);
    statusRow->addWidget(m_state);
    statusRow->addWidget(m_summary, 1);
    statusRow->addWidget(m_insecure);
    statusRow->addWidget(m_clear);

    WebSocketLogModel* log = m_session->log();
    m_table = makeReadOnlyTable("webSocketLog", log, this);
    QHeaderView* header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    fitColumn(m_table, WebSocketLogModel::DirectionColumn, QStringLiteral("↓"));
    fitColumn(m_table, WebSocketLogModel::TimeColumn, QStringLiteral("000,000"));
    fitColumn(m_table, WebSocketLogModel::SizeColumn, QStringLiteral("000.0 KB"));

    auto* messages = new QSplitter(Qt::Horizontal, this);
    messages->setChildrenCollapsible(false);
    messages->addWidget(m_table);
    messages->addWidget(buildDetail());
    messages->setStretchFactor(0, 3);
    messages->setStretchFactor(1, 2);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("webSocketSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(messages);
    m_splitter->addWidget(buildMessageBox());
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->setSpacing(4);
    layout->addLayout(statusRow);
    layout->addWidget(m_splitter, 1);

    // Whether to follow is decided before the rows move the scroll bar.
    connect(log, &WebSocketLogModel::rowsAboutToBeInserted, this,
        [this] { m_follow = atEnd(m_table->verticalScrollBar()); });
    connect(log, &WebSocketLogModel::rowsInserted, this, [this] {
        if (m_follow)
            m_table->scrollToBottom();
    });
    connect(log, &WebSocketLogModel::modelReset, this, [this] {
        m_follow = true;
        showSelected();
    });
    connect(log, &WebSocketLogModel::countsChanged, this, &WebSocketView::updateSummary);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &WebSocketView::showSelected);
    connect(m_session, &WebSocketSession::stateChanged, this, [this] {
        if (m_session->state() == State::Connecting || m_session->state() == State::Idle)
            m_problem.clear();
        updateState();
    });

    setFormat(Format::Text);
    updateState();
}

WebSocketView::~WebSocketView() = default;

QWidget* WebSocketView::buildDetail()
{
    auto* box = new QWidget(this);
    m_detailMeta = new QLabel(box);
    m_detailMeta->setObjectName(QStringLiteral("webSocketMessageMeta"));
    m_detailMeta->setWordWrap(true);
    m_detailMeta->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail = new BodyEditor(box);
    m_detail->setObjectName(QStringLiteral("webSocketMessageDetail"));
    m_detail->setReadOnly(true);
    m_detail->setPlaceholderText(tr("Select a message to see it in full."));
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_detailMeta);
    layout->addWidget(m_detail, 1);
    return box;
}

QWidget* WebSocketView::buildMessageBox()
{
    auto* box = new QWidget(this);
    m_textButton = new QToolButton(box);
    m_textButton->setObjectName(QStringLiteral("webSocketTextButton"));
    m_textButton->setText(tr("Text"));
    m_textButton->setCheckable(true);
    m_textButton->setAutoRaise(true);
    m_textButton->setToolTip(tr("Send the message as it is typed"));
    m_jsonButton = new QToolButton(box);
    m_jsonButton->setObjectName(QStringLiteral("webSocketJsonButton"));
    m_jsonButton->setText(tr("JSON"));
    m_jsonButton->setCheckable(true);
    m_jsonButton->setAutoRaise(true);
    m_jsonButton->setToolTip(tr("Check that the message is JSON before sending it"));
    auto* formats = new QButtonGroup(box);
    formats->addButton(m_textButton);
    formats->addButton(m_jsonButton);
    connect(m_jsonButton, &QToolButton::toggled, this,
        [this](bool on) { setFormat(on ? Format::Json : Format::Text); });

    m_messageProblem = new QLabel(box);
    m_messageProblem->setObjectName(QStringLiteral("webSocketMessageProblem"));
    m_messageProblem->setWordWrap(true);
    m_messageProblem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setTextColor(m_messageProblem, statusColor(500, palette()));

    m_send = new QToolButton(box);
    m_send->setObjectName(QStringLiteral("webSocketSendButton"));
    m_send->setIcon(QIcon::fromTheme(QStringLiteral("mail-send")));
    m_send->setText(tr("Send"));
    m_send->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_send->setToolTip(tr("Send the message (Ctrl+Return in the message box)"));
    connect(m_send, &QToolButton::clicked, this, &WebSocketView::sendMessage);

    m_message = new BodyEditor(box);
    m_message->setObjectName(QStringLiteral("webSocketMessage"));
    m_message->setPlaceholderText(tr("A message to send; Ctrl+Return sends it"));
    m_message->installEventFilter(this);
    // A refusal is about the text as it was; editing it starts over.
    connect(m_message, &QPlainTextEdit::textChanged, this, [this] { setMessageProblem({}); });

    auto* row = new QHBoxLayout;
    row->setSpacing(6);
    row->addWidget(new QLabel(tr("Message"), box));
    row->addWidget(m_textButton);
    row->addWidget(m_jsonButton);
    row->addWidget(m_messageProblem, 1);
    row->addWidget(m_send);

    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(m_message, 1);
    return box;
}

void WebSocketView::setFormat(Format format)
{
    m_format = format;
    const bool json = format == Format::Json;
    m_jsonButton->setChecked(json);
    m_textButton->setChecked(!json);
    // JSON: coloured and checked as it is typed; text is left alone.
    m_message->setContentType(
        json ? QStringLiteral("application/json") : QStringLiteral("text/plain"));
    setMessageProblem({});
}

QString WebSocketView::message() const
{
    return m_message->toPlainText();
}

void WebSocketView::setMessage(const QString& text)
{
    m_message->setPlainText(text);
}

void WebSocketView::focusMessage()
{
    m_message->setFocus();
}

bool WebSocketView::sendMessage()
{
    const QString text = m_message->toPlainText();
    if (m_session->state() != State::Open) {
        setMessageProblem(tr("Not sent: not connected. Connect first (Ctrl+Return in the URL)."));
        return false;
    }
    if (text.isEmpty()) {
        setMessageProblem(tr("Not sent: the message is empty."));
        return false;
    }
    if (m_format == Format::Json) {
        // The box tolerates {{tags}} as body editors do, but the message goes
        // out as typed: only JSON as it stands is sent.
        if (const auto problem = findJsonProblem(text)) {
            setMessageProblem(tr("Not sent: invalid JSON at line %1, column %2: %3.")
                                  .arg(problem->line)
                                  .arg(problem->column)
                                  .arg(problem->message));
            return false;
        }
        QJsonParseError error;
        QJsonDocument::fromJson(text.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError) {
            setMessageProblem(tr("Not sent: this is JSON only with its {{tags}} filled in, and "
                                 "messages are sent as typed."));
            return false;
        }
    }
    setMessageProblem({});
    return m_session->sendText(text);
}

QString WebSocketView::messageProblem() const
{
    return m_messageProblem->text();
}

void WebSocketView::setMessageProblem(const QString& text)
{
    m_messageProblem->setText(text);
    m_messageProblem->setToolTip(text);
}

void WebSocketView::showProblem(const QString& text)
{
    m_problem = text;
    updateState();
}

void WebSocketView::clearLog()
{
    m_session->log()->clear();
}

bool WebSocketView::eventFilter(QObject* watched, QEvent* event)
{
    // The message box takes Ctrl+Return for itself, ahead of the composer's
    // Send shortcut: there it sends the message, not the request.
    if (watched == m_message) {
        if (event->type() == QEvent::ShortcutOverride
            && isSendKey(static_cast<QKeyEvent*>(event))) {
            event->accept();
            return true;
        }
        if (event->type() == QEvent::KeyPress && isSendKey(static_cast<QKeyEvent*>(event))) {
            sendMessage();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void WebSocketView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        setTextColor(m_messageProblem, statusColor(500, palette()));
        updateState();
    }
}

void WebSocketView::updateState()
{
    const WebSocketSession& s = *m_session;
    QString state;
    QString tip;
    bool failed = false;
    switch (s.state()) {
    case State::Idle:
        state = tr("Not connected");
        tip = tr("Connect (Ctrl+Return) opens a session with the URL above");
        break;
    case State::Connecting:
        state = tr("Connecting…");
        tip = tr("Esc gives up");
        break;
    case State::Open:
        state = tr("Connected");
        tip = tr("Disconnect (Esc) sends a Close frame with 1000, normal closure");
        break;
    case State::Closing:
        state = tr("Closing…");
        tip = tr("Waiting for the server's Close frame");
        break;
    case State::Closed: {
        state = s.closedByServer() ? tr("Closed by the server") : tr("Closed");
        state += QStringLiteral(": ") + WebSocketSession::closeCodeText(s.closeCode());
        if (!s.closeReason().isEmpty())
            state += QStringLiteral(" · ") + s.closeReason();
        tip = s.closedByServer() ? tr("The server sent the Close frame, with this code and reason")
                                 : tr("You closed the session");
        break;
    }
    case State::Failed:
        state = tr("Failed");
        tip = s.failure();
        failed = true;
        break;
    }
    if (!m_problem.isEmpty()) {
        state = tr("Not connected");
        tip.clear();
        failed = true;
    }
    m_state->setText(state);
    m_state->setToolTip(tip);
    setTextColor(
        m_state, failed ? statusColor(500, palette()) : palette().color(QPalette::WindowText));
    m_insecure->setVisible(s.state() == State::Failed && s.tlsIdentityUnverified());
    updateSendEnabled();
    updateSummary();
}

void WebSocketView::updateSummary()
{
    const WebSocketSession& s = *m_session;
    const WebSocketLogModel& log = *s.log();
    QStringList parts;
    if (!m_problem.isEmpty())
        parts << m_problem;
    else if (s.state() == State::Failed)
        parts << s.failure();
    if (s.state() != State::Idle && m_problem.isEmpty()) {
        parts << tr("%1 sent").arg(QLocale().toString(log.sentCount()))
              << tr("%1 received").arg(QLocale().toString(log.receivedCount()));
        if (log.firstReceivedMs() >= 0)
            parts << tr("first message after %1 ms")
                         .arg(QLocale().toString(
                             log.firstReceivedMs() - std::max<qint64>(0, s.openedAtMs())));
        if (log.bytesSent() + log.bytesReceived() > 0)
            parts << tr("%1 out, %2 in")
                         .arg(dataSize(log.bytesSent()), dataSize(log.bytesReceived()));
    }
    m_summary->setText(parts.join(QStringLiteral(" · ")));
}

void WebSocketView::updateSendEnabled()
{
    const bool open = m_session->state() == State::Open;
    m_send->setEnabled(open);
    m_send->setToolTip(open ? tr("Send the message (Ctrl+Return in the message box)")
                            : tr("Connect first to send messages"));
}

void WebSocketView::showSelected()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid()) {
        m_detailMeta->clear();
        m_detail->clear();
        return;
    }
    using Kind = WebSocketLogEntry::Kind;
    const WebSocketLogEntry& e = m_session->log()->entry(current.row());
    QStringList meta;
    switch (e.kind) {
    case Kind::Sent:
        meta << directionMark(e.kind) + QLatin1Char(' ') + tr("sent");
        break;
    case Kind::Received:
        meta << directionMark(e.kind) + QLatin1Char(' ') + tr("received");
        break;
    case Kind::Event:
        meta << tr("event");
        break;
    case Kind::Error:
        meta << tr("error");
        break;
    }
    meta << tr("at %1 ms").arg(QLocale().toString(e.atMs));
    if (e.kind == Kind::Sent || e.kind == Kind::Received)
        meta << (e.binary ? tr("binary, %1").arg(dataSize(e.bytes)) : dataSize(e.bytes));
    bool json = false;
    const QString shown = e.binary ? e.text : prettyEventData(e.text, &json);
    if (json)
        meta << tr("JSON");
    m_detailMeta->setText(meta.join(QStringLiteral(" · ")));
    m_detail->setContentType(
        json ? QStringLiteral("application/json") : QStringLiteral("text/plain"));
    m_detail->setPlainText(shown);
}

QString WebSocketView::stateText() const
{
    return m_state->text();
}

QString WebSocketView::summaryText() const
{
    return m_summary->text();
}

QString WebSocketView::detailText() const
{
    return m_detail->toPlainText();
}

} // namespace tollgate::ui
