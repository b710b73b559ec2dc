#include "ui/shell/serverbar.h"

#include "server/http/loopback.h"
#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/common/settings.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/localtls.h"
#include "ui/engine/servercontroller.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPainter>
#include <QSignalBlocker>
#include <QSpinBox>

#include <functional>

namespace tollgate::ui {

namespace {

// The bar's icons are drawn in code: the style's media icons are black and
// vanish on a dark palette, and not every desktop has an icon theme. `draw`
// paints one size; the disabled state is the same shape in grey rather than
// Qt's washed-out tint.
QIcon drawnIcon(const QColor& color, const std::function<void(QPainter&, qreal size)>& draw)
{
    QIcon icon;
    for (const int size : { 16, 24, 32 }) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        draw(painter, size);
        painter.end();
        icon.addPixmap(pixmap, QIcon::Normal);
        QPixmap grey(pixmap.size());
        grey.fill(Qt::transparent);
        QPainter g(&grey);
        g.drawPixmap(0, 0, pixmap);
        g.setCompositionMode(QPainter::CompositionMode_SourceIn);
        g.fillRect(grey.rect(), QColor(0x8a, 0x8e, 0x92, 150));
        g.end();
        icon.addPixmap(grey, QIcon::Disabled);
    }
    return icon;
}

// Start (a triangle) and stop (a square).
QIcon shapeIcon(bool play, const QColor& color)
{
    return drawnIcon(color, [play](QPainter& painter, qreal size) {
        const qreal m = size * 0.18;
        if (play) {
            const QPointF points[] = { { m + size * 0.06, m }, { size - m, size / 2.0 },
                { m + size * 0.06, size - m } };
            painter.drawPolygon(points, 3);
        } else {
            painter.drawRoundedRect(
                QRectF(m, m, size - 2 * m, size - 2 * m), size * 0.08, size * 0.08);
        }
    });
}

// Record: a filled circle, like every recorder's.
QIcon recordIcon(const QColor& color)
{
    return drawnIcon(color, [](QPainter& painter, qreal size) {
        const qreal m = size * 0.22;
        painter.drawEllipse(QRectF(m, m, size - 2 * m, size - 2 * m));
    });
}

QWidget* spacer(int width, QWidget* parent)
{
    auto* w = new QWidget(parent);
    w->setFixedWidth(width);
    return w;
}

} // namespace

ServerBar::ServerBar(ServerController* controller, WorkspaceDocument* document, QWidget* parent)
    : QToolBar(tr("Server"), parent)
    , m_controller(controller)
    , m_document(document)
    , m_start(new QAction(this))
    , m_stop(new QAction(this))
    , m_copyUrl(new QAction(this))
    , m_record(new QAction(this))
    , m_offline(new QAction(this))
    , m_https(new QAction(this))
    , m_exportCa(new QAction(this))
    , m_recorded(new QLabel(this))
    , m_bind(new QComboBox(this))
    , m_port(new QSpinBox(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("serverBar"));
    setMovable(false);
    setFloatable(false);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setIconSize(QSize(16, 16));

    m_start->setObjectName(QStringLiteral("startServerAction"));
    m_start->setText(tr("&Start Server"));
    m_start->setIconText(tr("Start"));
    m_start->setIcon(shapeIcon(true, QColor(0x2e, 0xa0, 0x5a)));
    m_start->setShortcut(QKeySequence(Qt::Key_F5));
    m_start->setToolTip(tr("Start serving the workspace (F5)"));
    connect(m_start, &QAction::triggered, this, &ServerBar::startServer);

    m_stop->setObjectName(QStringLiteral("stopServerAction"));
    m_stop->setText(tr("S&top Server"));
    m_stop->setIconText(tr("Stop"));
    m_stop->setIcon(shapeIcon(false, QColor(0xd0, 0x3f, 0x3f)));
    m_stop->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_stop->setToolTip(tr("Stop serving (Shift+F5)"));
    connect(m_stop, &QAction::triggered, controller, &ServerController::stop);

    m_copyUrl->setObjectName(QStringLiteral("copyBaseUrlAction"));
    m_copyUrl->setText(tr("&Copy Base URL"));
    m_copyUrl->setIconText(tr("Copy URL"));
    m_copyUrl->setIcon(QIcon::fromTheme(QStringLiteral("edit-copy")));
    m_copyUrl->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_copyUrl->setToolTip(tr("Copy the server's base URL to the clipboard"));
    connect(m_copyUrl, &QAction::triggered, this, &ServerBar::copyBaseUrl);

    m_record->setObjectName(QStringLiteral("recordAction"));
    m_record->setText(tr("&Record Upstream Answers"));
    m_record->setIconText(tr("Record"));
    m_record->setIcon(recordIcon(QColor(0xd0, 0x3f, 0x3f)));
    m_record->setCheckable(true);
    m_record->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_record->setToolTip(
        tr("Record: every answer an upstream gives becomes a designed response of its route "
           "(Ctrl+Shift+R)"));
    connect(m_record, &QAction::toggled, controller, &ServerController::setRecording);

    m_offline->setObjectName(QStringLiteral("offlineAction"));
    m_offline->setText(tr("Serve &Offline"));
    m_offline->setIconText(tr("Offline"));
    m_offline->setCheckable(true);
    m_offline->setToolTip(tr("Offline: upstream routes answer from their designed (recorded) "
                             "responses and no upstream is called"));
    connect(m_offline, &QAction::toggled, controller, &ServerController::setOffline);

    m_https->setObjectName(QStringLiteral("httpsAction"));
    m_https->setText(tr("Serve over &HTTPS"));
    m_https->setIconText(tr("HTTPS"));
    m_https->setCheckable(true);
    m_https->setToolTip(
        tr("Serve over HTTPS with a certificate from Tollgate's own local certificate authority "
           "(made the first time). The composer and the Load page trust it; export it from "
           "Server ▸ Export CA Certificate to trust it elsewhere."));
    connect(m_https, &QAction::toggled, controller, &ServerController::setHttps);

    m_exportCa->setObjectName(QStringLiteral("exportCaAction"));
    m_exportCa->setText(tr("&Export CA Certificate…"));
    m_exportCa->setToolTip(tr("Save the local certificate authority's certificate (never its "
                              "key), to trust HTTPS from the embedded server in other clients"));
    connect(m_exportCa, &QAction::triggered, this, &ServerBar::exportCertificateAuthority);

    m_recorded->setObjectName(QStringLiteral("recordedLabel"));

    m_bind->setObjectName(QStringLiteral("bindCombo"));
    m_bind->setEditable(true);
    m_bind->addItem(QStringLiteral("127.0.0.1"));
    m_bind->addItem(QStringLiteral("::1"));
    m_bind->addItem(QStringLiteral("0.0.0.0"));
    m_bind->setItemData(0, tr("Loopback (IPv4): only this machine"), Qt::ToolTipRole);
    m_bind->setItemData(1, tr("Loopback (IPv6): only this machine"), Qt::ToolTipRole);
    m_bind->setItemData(2, tr("All interfaces: reachable from the network"), Qt::ToolTipRole);
    m_bind->setInsertPolicy(QComboBox::NoInsert);
    m_bind->setToolTip(tr("Address the server binds to"));
    m_bind->setFont(monospaceFont());
    m_bind->setMinimumContentsLength(15);
    connect(m_bind, &QComboBox::activated, this, &ServerBar::commitAddress);
    connect(m_bind->lineEdit(), &QLineEdit::editingFinished, this, &ServerBar::commitAddress);

    m_port->setObjectName(QStringLiteral("portSpin"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any"));
    m_port->setToolTip(tr("TCP port; \"any\" lets the system pick a free one"));
    m_port->setFont(monospaceFont());
    m_port->setKeyboardTracking(false);
    m_port->setMinimumWidth(m_port->fontMetrics().horizontalAdvance(QStringLiteral("655350")) + 32);
    connect(m_port, &QSpinBox::valueChanged, this, &ServerBar::commitPort);

    m_status->setObjectName(QStringLiteral("serverStatusLabel"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    addAction(m_start);
    addAction(m_stop);
    addSeparator();
    addWidget(spacer(4, this));
    auto* bindLabel = new QLabel(tr("&Address:"), this);
    bindLabel->setBuddy(m_bind);
    addWidget(bindLabel);
    addWidget(spacer(4, this));
    addWidget(m_bind);
    addWidget(spacer(10, this));
    auto* portLabel = new QLabel(tr("&Port:"), this);
    portLabel->setBuddy(m_port);
    addWidget(portLabel);
    addWidget(spacer(4, this));
    addWidget(m_port);
    addWidget(spacer(4, this));
    addAction(m_https);
    addWidget(spacer(4, this));
    addSeparator();
    addWidget(spacer(6, this));
    addWidget(m_status);
    addAction(m_copyUrl);
    addSeparator();
    addAction(m_record);
    addWidget(spacer(4, this));
    m_recordedItem = addWidget(m_recorded);
    addAction(m_offline);

    connect(controller, &ServerController::stateChanged, this, &ServerBar::updateState);
    connect(controller, &ServerController::recordingChanged, this, &ServerBar::updateRecording);
    connect(controller, &ServerController::startFailed, this, [this](const QString& error) {
        Q_EMIT message(tr("Cannot start the server: %1").arg(error));
    });
    connect(document, &WorkspaceDocument::settingsChanged, this, &ServerBar::loadSettings);
    loadSettings();
    updateState();
    updateRecording();
}

void ServerBar::updateRecording()
{
    {
        const QSignalBlocker a(m_record);
        const QSignalBlocker b(m_offline);
        m_record->setChecked(m_controller->isRecording());
        m_offline->setChecked(m_controller->isOffline());
    }
    // Offline nothing reaches an upstream to be recorded.
    m_record->setEnabled(!m_controller->isOffline() || m_controller->isRecording());
    m_offline->setEnabled(!m_controller->isRecording() || m_controller->isOffline());
    const int routes = m_controller->recordedRoutes();
    // A widget in a tool bar shows and hides through its action.
    m_recordedItem->setVisible(m_controller->isRecording() || routes > 0);
    m_recorded->setText(tr("%n route(s) recorded", nullptr, routes));
    const QStringList& problems = m_controller->recordingProblems();
    m_recorded->setToolTip(problems.isEmpty()
            ? tr("Routes given recorded answers since recording was switched on")
            : tr("Not recorded:\n%1").arg(problems.join(u'\n')));
}

void ServerBar::loadSettings()
{
    const server::ServerSettings& settings = m_document->workspace().server;
    {
        const QSignalBlocker blocker(m_bind);
        m_bind->setCurrentText(toQt(settings.bind));
    }
    m_lastBind = toQt(settings.bind);
    {
        const QSignalBlocker blocker(m_port);
        m_port->setValue(settings.port);
    }
    const bool open = m_document->isOpen();
    m_bind->setEnabled(open);
    m_port->setEnabled(open);
    updateState();
}

void ServerBar::commitAddress()
{
    const QString address = m_bind->currentText().trimmed();
    if (address.isEmpty() || address == m_lastBind) {
        const QSignalBlocker blocker(m_bind);
        m_bind->setCurrentText(m_lastBind);
        return;
    }
    // Binding beyond loopback exposes the mock to the network (and turns off
    // the Host check against DNS rebinding): ask once per workspace folder.
    const bool exposing = !server::isLoopbackAddress(toStd(address));
    if (exposing && settings::exposedBind(m_document->directory()).read() != address
        && !confirmExposure(address)) {
        const QSignalBlocker blocker(m_bind);
        m_bind->setCurrentText(m_lastBind);
        return;
    }
    server::ServerSettings next = m_document->workspace().server;
    next.bind = toStd(address);
    m_lastBind = address;
    m_document->setServerSettings(next, tr("Change bind address"));
    if (exposing)
        settings::exposedBind(m_document->directory()).write(address);
}

bool ServerBar::confirmExposure(const QString& address)
{
    const auto answer = QMessageBox::warning(this, tr("Expose the Server?"),
        tr("Binding to %1 makes the server reachable from other machines on your "
           "network.\n\nContinue?")
            .arg(address),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    return answer == QMessageBox::Yes;
}

void ServerBar::commitPort()
{
    server::ServerSettings next = m_document->workspace().server;
    next.port = std::uint16_t(m_port->value());
    m_document->setServerSettings(next, tr("Change port"));
}

void ServerBar::startServer()
{
    // The address may come from tollgate.json as cloned, never typed here.
    if (m_controller->exposureUnconfirmed()) {
        if (!confirmExposure(toQt(m_document->workspace().server.bind)))
            return;
        m_controller->confirmExposure();
    }
    // A bind failure comes back as startFailed().
    m_controller->start();
}

void ServerBar::copyBaseUrl()
{
    const QString url = m_controller->baseUrl();
    if (url.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(url);
    Q_EMIT message(tr("Copied %1").arg(url));
}

void ServerBar::exportCertificateAuthority()
{
    const QString file = QFileDialog::getSaveFileName(this, tr("Export CA Certificate"),
        QDir::home().filePath(QStringLiteral("tollgate-local-ca.pem")),
        tr("PEM certificates (*.pem *.crt);;All files (*)"));
    if (!file.isEmpty())
        exportCertificateAuthorityTo(file);
}

bool ServerBar::exportCertificateAuthorityTo(const QString& file)
{
    LocalTls* tls = m_controller->localTls();
    QString error;
    if (!tls->exportAuthority(file, &error)) {
        QMessageBox::warning(this, tr("Export CA Certificate"), error);
        return false;
    }
    const QString path = QDir::toNativeSeparators(file);
    Q_EMIT message(tr("Saved the local CA certificate to %1").arg(path));
    // Not modal: the path and the fingerprint are there to be copied.
    auto* box = new QMessageBox(QMessageBox::Information, tr("Export CA Certificate"),
        tr("Saved the local certificate authority's certificate to %1.").arg(path),
        QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("exportCaMessage"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(
        tr("%1\n\nTrust it to reach the embedded server over HTTPS from other clients, e.g. "
           "curl --cacert %2, or on Debian: copy it to /usr/local/share/ca-certificates/ as "
           "tollgate.crt and run update-ca-certificates. Keep it to this machine's clients: "
           "whoever trusts it trusts any certificate this CA signs.")
            .arg(tls->authoritySummary(), path));
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    box->open();
    return true;
}

void ServerBar::updateState()
{
    const bool running = m_controller->isRunning();
    const bool busy = m_controller->isBusy();
    {
        const QSignalBlocker blocker(m_https);
        m_https->setChecked(m_controller->isHttps());
    }
    m_https->setEnabled(m_document->isOpen() && !busy);
    m_start->setEnabled(!running && !busy && m_document->isOpen());
    m_stop->setEnabled(running && !busy);
    m_copyUrl->setEnabled(running);

    QPalette p = m_status->palette();
    if (busy) {
        m_status->setText(running ? tr("Stopping…") : tr("Starting…"));
        p.setColor(QPalette::WindowText, palette().color(QPalette::PlaceholderText));
    } else if (running) {
        const QString url = m_controller->baseUrl();
        QString text = tr("Serving on %1").arg(url);
        if (!server::isLoopbackAddress(toStd(m_lastBind)))
            text = tr("Serving on %1 (reachable from the network)").arg(url);
        m_status->setText(text);
        p.setColor(QPalette::WindowText, statusColor(200, palette()));
    } else if (!m_controller->lastError().isEmpty()) {
        m_status->setText(tr("Not serving: %1").arg(m_controller->lastError()));
        p.setColor(QPalette::WindowText, statusColor(500, palette()));
    } else {
        m_status->setText(tr("Stopped"));
        p.setColor(QPalette::WindowText, palette().color(QPalette::PlaceholderText));
    }
    m_status->setPalette(p);
}

} // namespace tollgate::ui
