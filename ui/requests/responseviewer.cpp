#include "ui/requests/responseviewer.h"

#include "ui/common/appearance.h"
#include "ui/common/httpstatus.h"
#include "ui/requests/prettybody.h"
#include "ui/requests/ratelimitheaders.h"
#include "ui/requests/streamview.h"
#include "ui/widgets/bodyeditor.h"
#include "ui/widgets/headertablemodel.h"

#include <QAction>
#include <QButtonGroup>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

namespace tollgate::ui {

namespace {

// Highlighting is synchronous over the whole document; past this size the
// body is shown plain so a big answer never stalls the window.
constexpr qsizetype kHighlightLimit = 256 * 1024;

bool isJson(const QString& contentType, const QByteArray& body)
{
    if (contentType.contains(QLatin1String("json"), Qt::CaseInsensitive))
        return true;
    if (!contentType.isEmpty())
        return false;
    const QByteArray t = body.trimmed();
    return t.startsWith('{') || t.startsWith('[');
}

bool isXml(const QString& contentType)
{
    return contentType.contains(QLatin1String("xml"), Qt::CaseInsensitive);
}

QString formatMs(qint64 ms)
{
    return ms < 10000 ? QObject::tr("%1 ms").arg(ms)
                      : QObject::tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
}

QString formatReset(qint64 seconds)
{
    if (seconds < 120)
        return QObject::tr("%1 s").arg(seconds);
    if (seconds < 2 * 3600)
        return QObject::tr("%1 min").arg(seconds / 60);
    if (seconds < 2 * 86400)
        return QObject::tr("%1 h").arg(seconds / 3600);
    return QObject::tr("%1 d").arg(seconds / 86400);
}

} // namespace

ResponseViewer::ResponseViewer(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("responseViewer"));

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("responseStatus"));
    QFont bold = m_status->font();
    bold.setBold(true);
    m_status->setFont(bold);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_timing = new QLabel(this);
    m_timing->setObjectName(QStringLiteral("responseTiming"));
    m_size = new QLabel(this);
    m_size->setObjectName(QStringLiteral("responseSize"));
    m_protocol = new QLabel(this);
    m_protocol->setObjectName(QStringLiteral("responseProtocol"));
    m_rateLimit = new QLabel(this);
    m_rateLimit->setObjectName(QStringLiteral("responseRateLimit"));
    m_save = new QToolButton(this);
    m_save->setObjectName(QStringLiteral("saveBodyButton"));
    m_save->setIcon(QIcon::fromTheme(QStringLiteral("document-save-as")));
    m_save->setText(tr("Save Body…"));
    m_save->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_save->setToolTip(tr("Write the whole response body to a file"));
    m_save->setEnabled(false);
    connect(m_save, &QToolButton::clicked, this, &ResponseViewer::saveBodyRequested);

    auto* statusRow = new QHBoxLayout;
    statusRow->setSpacing(14);
    statusRow->addWidget(m_status);
    statusRow->addWidget(m_timing);
    statusRow->addWidget(m_size);
    statusRow->addWidget(m_protocol);
    statusRow->addWidget(m_rateLimit);
    statusRow->addStretch(1);
    statusRow->addWidget(m_save);

    // Body page: pretty/raw, search, the truncation notice, the text.
    m_bodyPage = new QWidget(this);
    m_prettyButton = new QToolButton(m_bodyPage);
    m_prettyButton->setObjectName(QStringLiteral("prettyButton"));
    m_prettyButton->setText(tr("Pretty"));
    m_prettyButton->setCheckable(true);
    m_prettyButton->setChecked(true);
    m_prettyButton->setAutoRaise(true);
    m_rawButton = new QToolButton(m_bodyPage);
    m_rawButton->setObjectName(QStringLiteral("rawButton"));
    m_rawButton->setText(tr("Raw"));
    m_rawButton->setCheckable(true);
    m_rawButton->setAutoRaise(true);
    auto* modes = new QButtonGroup(this);
    modes->addButton(m_prettyButton);
    modes->addButton(m_rawButton);
    connect(m_prettyButton, &QToolButton::toggled, this, [this](bool on) { setPretty(on); });

    m_search = new QLineEdit(m_bodyPage);
    m_search->setObjectName(QStringLiteral("bodySearch"));
    m_search->setPlaceholderText(tr("Find in body (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(320);
    m_searchCount = new QLabel(m_bodyPage);
    m_searchCount->setObjectName(QStringLiteral("bodySearchCount"));
    connect(m_search, &QLineEdit::textChanged, this, [this] { updateSearch(); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] { find(m_search->text()); });

    auto* findAction = new QAction(tr("Find in Body"), this);
    findAction->setShortcut(QKeySequence::Find);
    findAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(findAction, &QAction::triggered, this, [this] {
        m_tabs->setCurrentWidget(m_bodyPage);
        m_search->setFocus();
        m_search->selectAll();
    });
    addAction(findAction);
    auto* nextAction = new QAction(tr("Find Next"), this);
    nextAction->setShortcut(QKeySequence::FindNext);
    nextAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(nextAction, &QAction::triggered, this, [this] { find(m_search->text()); });
    addAction(nextAction);
    auto* previousAction = new QAction(tr("Find Previous"), this);
    previousAction->setShortcut(QKeySequence::FindPrevious);
    previousAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(previousAction, &QAction::triggered, this, [this] { find(m_search->text(), true); });
    addAction(previousAction);

    auto* bodyBar = new QHBoxLayout;
    bodyBar->setSpacing(2);
    bodyBar->addWidget(m_prettyButton);
    bodyBar->addWidget(m_rawButton);
    bodyBar->addStretch(1);
    bodyBar->addWidget(m_searchCount);
    bodyBar->addWidget(m_search);

    m_truncated = new QLabel(m_bodyPage);
    m_truncated->setObjectName(QStringLiteral("truncatedNotice"));
    m_truncated->setWordWrap(true);
    m_truncated->setTextFormat(Qt::RichText);
    m_truncated->hide();
    connect(m_truncated, &QLabel::linkActivated, this, &ResponseViewer::saveBodyRequested);

    m_body = new BodyEditor(m_bodyPage);
    m_body->setObjectName(QStringLiteral("responseBody"));
    m_body->setReadOnly(true);
    m_body->setPlaceholderText(tr("The response has no body."));

    auto* bodyLayout = new QVBoxLayout(m_bodyPage);
    bodyLayout->setContentsMargins(0, 4, 0, 0);
    bodyLayout->setSpacing(4);
    bodyLayout->addLayout(bodyBar);
    bodyLayout->addWidget(m_truncated);
    bodyLayout->addWidget(m_body, 1);

    m_headerModel = new HeaderTableModel(this);
    m_headerModel->setReadOnly(true);
    m_headers = new QTableView(this);
    m_headers->setObjectName(QStringLiteral("responseHeaders"));
    m_headers->setModel(m_headerModel);
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->horizontalHeader()->setSectionResizeMode(
        HeaderTableModel::NameColumn, QHeaderView::ResizeToContents);
    m_headers->verticalHeader()->hide();
    m_headers->setWordWrap(false);
    m_headers->setAlternatingRowColors(true);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("responseTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_bodyPage, tr("Body"));
    m_tabs->addTab(m_headers, tr("Headers"));

    // A tab only while an event stream is shown.
    m_streamView = new StreamView(this);
    m_streamView->hide();
    connect(m_streamView, &StreamView::eventCountChanged, this, [this](int events) {
        if (const int tab = m_tabs->indexOf(m_streamView); tab >= 0)
            m_tabs->setTabText(tab, tr("Events (%1)").arg(QLocale().toString(events)));
    });

    m_placeholder = new QLabel(
        tr("Send a request to see its response here.\nCtrl+Return sends, Esc cancels."), this);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setEnabled(false);

    m_errorPage = new QWidget(this);
    m_errorText = new QLabel(m_errorPage);
    m_errorText->setObjectName(QStringLiteral("responseError"));
    m_errorText->setWordWrap(true);
    m_errorText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_errorText->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_errorText->setFont(big);
    m_errorDetails = new QLabel(m_errorPage);
    m_errorDetails->setObjectName(QStringLiteral("responseErrorDetails"));
    m_errorDetails->setWordWrap(true);
    m_errorDetails->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_proceed = new QPushButton(tr("Proceed Anyway"), m_errorPage);
    m_proceed->setObjectName(QStringLiteral("proceedButton"));
    m_proceed->setToolTip(tr("Send again without verifying the certificate; fine for a local "
                             "server with a self-signed certificate, not for anything else"));
    connect(m_proceed, &QPushButton::clicked, this, [this] {
        if (m_confirming)
            Q_EMIT sendAnywayRequested();
        else
            Q_EMIT proceedInsecureRequested();
    });
    auto* errorLayout = new QVBoxLayout(m_errorPage);
    errorLayout->setContentsMargins(12, 16, 12, 12);
    errorLayout->addWidget(m_errorText);
    errorLayout->addWidget(m_errorDetails);
    auto* proceedRow = new QHBoxLayout;
    proceedRow->addWidget(m_proceed);
    proceedRow->addStretch(1);
    errorLayout->addLayout(proceedRow);
    errorLayout->addStretch(1);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_tabs);
    m_stack->addWidget(m_errorPage);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->setSpacing(4);
    layout->addLayout(statusRow);
    layout->addWidget(m_stack, 1);

    clear();
}

ResponseViewer::~ResponseViewer() = default;

void ResponseViewer::clear()
{
    m_streamView->reset();
    setStreamTab(false);
    resetShown();
}

void ResponseViewer::resetShown()
{
    m_confirming = false;
    m_status->setText(tr("No response yet"));
    m_status->setPalette(palette());
    m_timing->clear();
    m_size->clear();
    m_protocol->clear();
    m_rateLimit->clear();
    m_rateLimit->hide();
    m_save->setEnabled(false);
    m_preview.clear();
    m_hasBody = false;
    m_bodyTruncated = false;
    m_body->clear();
    m_headerModel->setHeaders({});
    m_stack->setCurrentWidget(m_placeholder);
}

void ResponseViewer::showSending(const QString& url)
{
    clear();
    m_status->setText(tr("Sending…"));
    m_placeholder->setText(tr("Waiting for %1").arg(url));
}

void ResponseViewer::showProblem(const QString& text)
{
    clear();
    m_status->setText(tr("Not sent"));
    m_errorText->setText(text);
    m_errorDetails->clear();
    m_errorDetails->hide();
    m_proceed->hide();
    m_stack->setCurrentWidget(m_errorPage);
}

void ResponseViewer::showConfirmation(const QString& text, const QString& details)
{
    showProblem(text);
    m_errorDetails->setText(details);
    m_errorDetails->setVisible(!details.isEmpty());
    m_confirming = true;
    m_proceed->setText(tr("Send Anyway"));
    m_proceed->setToolTip(tr("Send the request as it is"));
    m_proceed->show();
}

void ResponseViewer::showHeaders(const ComposerResponse& response)
{
    if (!response.isEventStream()) {
        if (m_streamView->isLive()) { // a redirect away from a stream
            clear();
            m_status->setText(tr("Sending…"));
        }
        return;
    }
    resetShown();
    showHead(response);
    m_timing->setText(tr("first byte %1").arg(formatMs(response.ttfbMs)));
    m_timing->setToolTip(tr("Time to the first byte of the response"));
    m_contentType = QString::fromLatin1(response.header("Content-Type"));
    m_liveText = QStringDecoder(QStringDecoder::Utf8);
    m_body->setContentType(QStringLiteral("text/plain"));
    m_streamView->begin();
    setStreamTab(true);
    m_tabs->setCurrentWidget(m_streamView);
    m_stack->setCurrentWidget(m_tabs);
}

void ResponseViewer::appendBody(const QByteArray& bytes, qint64 atMs)
{
    if (!m_streamView->isLive())
        return;
    m_streamView->append(bytes, atMs);
    // The raw body grows as it comes, up to what the sender keeps in memory;
    // showResponse() shows the final one.
    if (m_preview.size() >= RequestSender::defaultPreviewLimit)
        return;
    const QByteArray kept = bytes.left(RequestSender::defaultPreviewLimit - m_preview.size());
    m_preview += kept;
    QTextCursor end(m_body->document());
    end.movePosition(QTextCursor::End);
    end.insertText(m_liveText.decode(kept));
}

void ResponseViewer::showResponse(const ComposerResponse& response)
{
    // What a stream showed while it came stays; anything else is replaced.
    using Error = ComposerResponse::Error;
    const bool streamed = m_streamView->isLive() && response.status > 0 && response.isEventStream();
    if (streamed) {
        m_streamView->finish(response.error == Error::None ? StreamView::End::Server
                : response.error == Error::Cancelled       ? StreamView::End::Stopped
                                                           : StreamView::End::Failed,
            response.errorText);
    } else {
        m_streamView->reset();
        setStreamTab(false);
    }
    resetShown();
    m_placeholder->setText(
        tr("Send a request to see its response here.\nCtrl+Return sends, Esc cancels."));
    m_timing->setText(response.ttfbMs >= 0
            ? tr("%1 · first byte %2").arg(formatMs(response.totalMs), formatMs(response.ttfbMs))
            : formatMs(response.totalMs));
    m_timing->setToolTip(tr("Total time, and time to the first byte of the response"));

    if (response.error != Error::None && response.status == 0) {
        m_status->setText(response.error == Error::Cancelled ? tr("Cancelled") : tr("Failed"));
        QPalette p = m_status->palette();
        p.setColor(QPalette::WindowText, statusColor(0, palette()));
        m_status->setPalette(p);
        m_errorText->setText(response.errorText);
        m_errorDetails->setText(response.tlsErrors.join(QLatin1Char('\n')));
        m_errorDetails->setVisible(!response.tlsErrors.isEmpty());
        m_proceed->setText(tr("Proceed Anyway"));
        m_proceed->setToolTip(tr("Send again without verifying the certificate; fine for a local "
                                 "server with a self-signed certificate, not for anything else"));
        m_proceed->setVisible(response.error == Error::Tls && response.tlsSelfSigned);
        m_stack->setCurrentWidget(m_errorPage);
        return;
    }

    showHead(response);
    m_size->setText(QLocale().formattedDataSize(response.size, 1, QLocale::DataSizeSIFormat));
    m_size->setToolTip(
        tr("%n byte(s) of body", nullptr, int(std::min<qint64>(response.size, INT_MAX))));
    if (streamed && response.error != Error::None && response.error != Error::Cancelled) {
        m_size->setText(tr("%1, cut off: %2").arg(m_size->text(), response.errorText));
    } else if (!streamed && response.error != Error::None) {
        // A body cut short (timeout, cancel) after the headers came. (A
        // stream the user stopped is not: stopping is how it ends.)
        m_size->setText(tr("%1, incomplete: %2").arg(m_size->text(), response.errorText));
    }

    m_contentType = QString::fromLatin1(response.header("Content-Type"));
    m_preview = response.preview;
    m_hasBody = response.size > 0;
    m_bodyTruncated = response.truncated;
    m_save->setEnabled(m_hasBody);
    if (response.truncated) {
        m_truncated->setText(
            tr("Showing the first %1 of %2. <a href=\"save\">Save the whole "
               "body…</a>")
                .arg(QLocale().formattedDataSize(
                         response.preview.size(), 1, QLocale::DataSizeSIFormat),
                    QLocale().formattedDataSize(response.size, 1, QLocale::DataSizeSIFormat)));
        m_truncated->show();
    } else {
        m_truncated->hide();
    }
    renderBody();
    m_stack->setCurrentWidget(m_tabs);
}

void ResponseViewer::showHead(const ComposerResponse& response)
{
    QString reason = response.reason.isEmpty() ? reasonPhrase(response.status) : response.reason;
    m_status->setText(QStringLiteral("%1 %2").arg(response.status).arg(reason).trimmed());
    QPalette p = m_status->palette();
    p.setColor(QPalette::WindowText, statusColor(response.status, palette()));
    m_status->setPalette(p);
    m_protocol->setText(response.protocol);

    std::vector<server::Header> headers;
    headers.reserve(std::size_t(response.headers.size()));
    for (const auto& [name, value] : response.headers)
        headers.push_back({ name.toStdString(), value.toStdString() });
    m_headerModel->setHeaders(headers);
    m_tabs->setTabText(m_tabs->indexOf(m_headers), tr("Headers (%1)").arg(response.headers.size()));

    const QList<RateLimitInfo> limits
        = decodeRateLimit(response.header("RateLimit"), response.header("RateLimit-Policy"));
    QStringList parts;
    for (const RateLimitInfo& l : limits) {
        QString part = l.quota >= 0
            ? tr("%1: %2 of %3 left").arg(l.policy).arg(l.remaining).arg(l.quota)
            : tr("%1: %2 left").arg(l.policy).arg(l.remaining);
        if (l.reset >= 0)
            part += tr(", resets in %1").arg(formatReset(l.reset));
        parts << part;
    }
    m_rateLimit->setText(parts.join(QStringLiteral(" · ")));
    m_rateLimit->setToolTip(tr("Decoded from the RateLimit and RateLimit-Policy headers"));
    m_rateLimit->setVisible(!parts.isEmpty());
}

void ResponseViewer::setStreamTab(bool shown)
{
    const int tab = m_tabs->indexOf(m_streamView);
    if (shown && tab < 0)
        m_tabs->insertTab(0, m_streamView, tr("Events"));
    else if (!shown && tab >= 0)
        m_tabs->removeTab(tab);
}

void ResponseViewer::setPretty(bool pretty)
{
    if (m_prettyButton->isChecked() != pretty)
        m_prettyButton->setChecked(pretty);
    else if (m_rawButton->isChecked() == pretty)
        m_rawButton->setChecked(!pretty);
    if (m_pretty == pretty)
        return;
    m_pretty = pretty;
    renderBody();
}

void ResponseViewer::renderBody()
{
    const bool small = m_preview.size() <= kHighlightLimit;
    QString text;
    const bool truncated = m_bodyTruncated;
    // A cut-off preview is not a whole document: pretty-printing it would
    // pretend to a structure that is not there.
    if (m_pretty && !truncated && isJson(m_contentType, m_preview))
        text = prettyJson(m_preview);
    else if (m_pretty && !truncated && isXml(m_contentType))
        text = prettyXml(m_preview);
    else
        text = QString::fromUtf8(m_preview);
    m_body->setContentType(small ? m_contentType : QStringLiteral("text/plain"));
    m_body->setPlainText(text);
    m_body->validateNow();
    updateSearch();
}

int ResponseViewer::find(const QString& text, bool backwards)
{
    if (text.isEmpty())
        return 0;
    QTextDocument::FindFlags flags;
    if (backwards)
        flags |= QTextDocument::FindBackward;
    if (!m_body->find(text, flags)) {
        // Wrap around.
        QTextCursor c = m_body->textCursor();
        c.movePosition(backwards ? QTextCursor::End : QTextCursor::Start);
        m_body->setTextCursor(c);
        m_body->find(text, flags);
    }
    return int(m_body->toPlainText().count(text, Qt::CaseInsensitive));
}

void ResponseViewer::updateSearch()
{
    const QString text = m_search->text();
    if (text.isEmpty()) {
        m_searchCount->clear();
        return;
    }
    QTextCursor c = m_body->textCursor();
    c.movePosition(QTextCursor::Start);
    m_body->setTextCursor(c);
    const int n = find(text);
    m_searchCount->setText(n == 0 ? tr("No matches") : tr("%n match(es)", nullptr, n));
}

QString ResponseViewer::statusText() const
{
    return m_status->text();
}

QString ResponseViewer::errorText() const
{
    return m_stack->currentWidget() == m_errorPage ? m_errorText->text() : QString();
}

QString ResponseViewer::bodyText() const
{
    return m_body->toPlainText();
}

} // namespace tollgate::ui
