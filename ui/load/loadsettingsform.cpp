#include "ui/load/loadsettingsform.h"

#include "ui/common/convert.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QUrl>

#include <climits>
#include <cmath>

namespace tollgate::ui {

namespace {

QDoubleSpinBox* secondsSpin(const char* name, double max, QWidget* parent)
{
    auto* spin = new QDoubleSpinBox(parent);
    spin->setObjectName(QString::fromLatin1(name));
    spin->setRange(0, max);
    spin->setDecimals(1);
    spin->setSingleStep(1);
    spin->setSuffix(LoadSettingsForm::tr(" s"));
    spin->setAccelerated(true);
    return spin;
}

struct HostPort {
    QString host;
    int port = 0;
    bool ok = false;
};

HostPort hostPort(const QString& text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    HostPort hp;
    const QString scheme = url.scheme().toLower();
    const bool tls = scheme == QLatin1String("https") || scheme == QLatin1String("wss");
    const bool plain = scheme == QLatin1String("http") || scheme == QLatin1String("ws");
    if (!url.isValid() || (!plain && !tls) || url.host().isEmpty())
        return hp;
    hp.host = url.host();
    hp.port = url.port(tls ? 443 : 80);
    hp.ok = true;
    return hp;
}

bool isLoopback(const QString& host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0
        || host.endsWith(QLatin1String(".localhost"), Qt::CaseInsensitive))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool isWebSocketUrl(const QString& text)
{
    const QString t = text.trimmed();
    return t.startsWith(QLatin1String("ws://"), Qt::CaseInsensitive)
        || t.startsWith(QLatin1String("wss://"), Qt::CaseInsensitive);
}

/// A WebSocket URL moved to the embedded server's address (base, an http[s]
/// URL): its scheme follows the server's TLS, its path and query stay.
QString onEmbeddedServer(const QString& url, const QString& base)
{
    QUrl moved(url.trimmed());
    const QUrl server(base);
    moved.setScheme(
        server.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    moved.setHost(server.host());
    moved.setPort(server.port());
    return moved.toString();
}

QString hostText(const HostPort& hp)
{
    const QString host = hp.host.contains(QLatin1Char(':'))
        ? QLatin1Char('[') + hp.host + QLatin1Char(']')
        : hp.host;
    return host + QLatin1Char(':') + QString::number(hp.port);
}

} // namespace

server::LoadSettings LoadSettingsForm::defaultSettings()
{
    server::LoadSettings s;
    s.model = server::LoadModel::Closed;
    s.connections = 16;
    s.rate = 100;
    s.durationSeconds = 10;
    s.requestCount = 0;
    s.warmupSeconds = 0;
    s.rampUpSeconds = 0;
    s.timeoutSeconds = 10;
    return s;
}

LoadSettingsForm::LoadSettingsForm(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("loadSettingsForm"));

    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("loadUrlEdit"));
    m_url->setPlaceholderText(QStringLiteral("http://127.0.0.1:8080"));
    m_url->setToolTip(
        tr("Where the requests go: http[s]://host[:port][/prefix]. The mix's paths are "
           "appended to it. A ws[s]:// URL opens a WebSocket session on each connection and "
           "holds it."));
    m_url->setClearButtonEnabled(true);

    m_embeddedButton = new QToolButton(this);
    m_embeddedButton->setObjectName(QStringLiteral("loadEmbeddedButton"));
    m_embeddedButton->setText(tr("Embedded"));
    m_embeddedButton->setToolTip(tr("Send to this workspace's embedded server"));
    connect(m_embeddedButton, &QToolButton::clicked, this, &LoadSettingsForm::useEmbeddedServer);

    m_target = new QLabel(this);
    m_target->setObjectName(QStringLiteral("loadTargetLabel"));
    m_target->setWordWrap(true);
    m_target->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_model = new QComboBox(this);
    m_model->setObjectName(QStringLiteral("loadModelCombo"));
    m_model->addItem(tr("Closed (connections)"), int(server::LoadModel::Closed));
    m_model->addItem(tr("Open (constant rate)"), int(server::LoadModel::Open));
    m_model->setToolTip(
        tr("Closed: each connection sends its next request as soon as the last one is answered.\n"
           "Open: requests are due at a constant rate whether or not answers come back; a slow "
           "server shows as latency, not as fewer requests."));

    m_connections = new QSpinBox(this);
    m_connections->setObjectName(QStringLiteral("loadConnectionsSpin"));
    m_connections->setRange(1, 100'000);
    m_connections->setAccelerated(true);
    m_connections->setToolTip(tr("Connections kept open (open model: at most this many requests "
                                 "in flight at once)"));

    m_rate = new QDoubleSpinBox(this);
    m_rate->setObjectName(QStringLiteral("loadRateSpin"));
    m_rate->setRange(0, 10'000'000);
    m_rate->setDecimals(1);
    m_rate->setSingleStep(10);
    m_rate->setSuffix(tr(" req/s"));
    m_rate->setAccelerated(true);
    m_rate->setToolTip(tr("Open model: requests per second, due whether or not answers come back"));

    m_byDuration = new QRadioButton(tr("&Duration"), this);
    m_byDuration->setObjectName(QStringLiteral("loadByDurationRadio"));
    m_byCount = new QRadioButton(tr("Re&quests"), this);
    m_byCount->setObjectName(QStringLiteral("loadByCountRadio"));
    auto* group = new QButtonGroup(this);
    group->addButton(m_byDuration);
    group->addButton(m_byCount);
    m_byDuration->setChecked(true);

    m_duration = secondsSpin("loadDurationSpin", 7 * 24 * 3600, this);
    m_duration->setToolTip(tr("How long to measure, after the warm-up"));
    m_count = new QSpinBox(this);
    m_count->setObjectName(QStringLiteral("loadCountSpin"));
    m_count->setRange(1, INT_MAX);
    m_count->setSingleStep(100);
    m_count->setAccelerated(true);
    m_count->setGroupSeparatorShown(true);
    m_count->setValue(1000);
    m_count->setToolTip(tr("Stop after this many measured requests"));

    m_warmup = secondsSpin("loadWarmupSpin", 3600, this);
    m_warmup->setToolTip(
        tr("Requests started in the first seconds are sent but not counted (caches, JIT, pools)"));
    m_rampUp = secondsSpin("loadRampUpSpin", 3600, this);
    m_rampUp->setToolTip(tr("Load grows from nothing to full over this time, counted from the "
                            "start: connections open one by one, or the rate climbs"));
    m_timeout = secondsSpin("loadTimeoutSpin", 3600, this);
    m_timeout->setMinimum(0.1);
    m_timeout->setToolTip(tr("A request unanswered this long counts as a timeout error"));

    const auto label = [this](const QString& text, QWidget* buddy) {
        auto* l = new QLabel(text, this);
        l->setBuddy(buddy);
        return l;
    };

    auto* urlRow = new QHBoxLayout;
    urlRow->setContentsMargins(0, 0, 0, 0);
    urlRow->setSpacing(4);
    urlRow->addWidget(m_url, 1);
    urlRow->addWidget(m_embeddedButton);

    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(5);
    grid->addWidget(label(tr("&Target:"), m_url), 0, 0);
    grid->addLayout(urlRow, 0, 1, 1, 3);
    grid->addWidget(m_target, 1, 1, 1, 3);
    grid->addWidget(label(tr("&Model:"), m_model), 2, 0);
    grid->addWidget(m_model, 2, 1);
    grid->addWidget(label(tr("Co&nnections:"), m_connections), 2, 2);
    grid->addWidget(m_connections, 2, 3);
    grid->addWidget(label(tr("&Rate:"), m_rate), 3, 0);
    grid->addWidget(m_rate, 3, 1);
    grid->addWidget(label(tr("T&imeout:"), m_timeout), 3, 2);
    grid->addWidget(m_timeout, 3, 3);
    grid->addWidget(m_byDuration, 4, 0);
    grid->addWidget(m_duration, 4, 1);
    grid->addWidget(m_byCount, 4, 2);
    grid->addWidget(m_count, 4, 3);
    grid->addWidget(label(tr("&Warm-up:"), m_warmup), 5, 0);
    grid->addWidget(m_warmup, 5, 1);
    grid->addWidget(label(tr("Ram&p-up:"), m_rampUp), 5, 2);
    grid->addWidget(m_rampUp, 5, 3);
    m_verifyTls = new QCheckBox(tr("Check the server's &certificate (https, wss)"), this);
    m_verifyTls->setObjectName(QStringLiteral("loadVerifyTlsCheck"));
    grid->addWidget(m_verifyTls, 6, 1, 1, 3);
    m_stream = new QCheckBox(tr("Read answers as &streams (Server-Sent Events)"), this);
    m_stream->setObjectName(QStringLiteral("loadStreamCheck"));
    m_stream->setToolTip(
        tr("Each request lasts until its stream ends. The run counts events, tokens and the time "
           "to the first event; the timeout is the longest silence, and streams still open at "
           "the end are closed, not errors."));
    grid->addWidget(m_stream, 7, 1, 1, 3);

    m_wsMessage = new QLineEdit(this);
    m_wsMessage->setObjectName(QStringLiteral("loadWsMessageEdit"));
    m_wsMessage->setPlaceholderText(QStringLiteral("{\"type\":\"ping\"}"));
    m_wsMessage->setClearButtonEnabled(true);
    m_wsMessage->setToolTip(
        tr("Sent when each session opens, then at the interval (empty: nothing is sent). A "
           "template: {{uuid}}, {{now}}, {{stream.index}} (the message's number). A message "
           "that comes back unchanged gives the round trip."));
    m_wsInterval = new QDoubleSpinBox(this);
    m_wsInterval->setObjectName(QStringLiteral("loadWsIntervalSpin"));
    m_wsInterval->setRange(0, 3'600'000);
    m_wsInterval->setDecimals(0);
    m_wsInterval->setSingleStep(100);
    m_wsInterval->setSuffix(tr(" ms"));
    m_wsInterval->setSpecialValueText(tr("once"));
    m_wsInterval->setAccelerated(true);
    m_wsInterval->setToolTip(tr("Each session sends the message again after this long; "
                                "\"once\": only when it opens"));
    m_wsMessageLabel = label(tr("Messa&ge:"), m_wsMessage);
    m_wsIntervalLabel = label(tr("E&very:"), m_wsInterval);
    grid->addWidget(m_wsMessageLabel, 8, 0);
    grid->addWidget(m_wsMessage, 8, 1);
    grid->addWidget(m_wsIntervalLabel, 8, 2);
    grid->addWidget(m_wsInterval, 8, 3);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);

    setSettings(defaultSettings());

    const auto changed = [this] {
        updateEnabled();
        updateTarget();
        Q_EMIT edited();
    };
    connect(m_url, &QLineEdit::textChanged, this, changed);
    connect(m_model, &QComboBox::currentIndexChanged, this, changed);
    connect(m_connections, &QSpinBox::valueChanged, this, changed);
    connect(m_count, &QSpinBox::valueChanged, this, changed);
    for (QDoubleSpinBox* spin : { m_rate, m_duration, m_warmup, m_rampUp, m_timeout })
        connect(spin, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_byDuration, &QRadioButton::toggled, this, changed);
    connect(m_verifyTls, &QCheckBox::toggled, this, changed);
    connect(m_stream, &QCheckBox::toggled, this, changed);
    connect(m_wsMessage, &QLineEdit::textChanged, this, changed);
    connect(m_wsInterval, &QDoubleSpinBox::valueChanged, this, changed);
    updateEnabled();
    updateTarget();
}

server::LoadSettings LoadSettingsForm::settings() const
{
    server::LoadSettings s;
    s.url = toStd(m_url->text().trimmed());
    s.model = server::LoadModel(m_model->currentData().toInt());
    s.connections = m_connections->value();
    s.rate = s.model == server::LoadModel::Open ? m_rate->value() : 0;
    s.durationSeconds = m_duration->value();
    s.requestCount = m_byCount->isChecked() ? std::uint64_t(m_count->value()) : 0;
    s.warmupSeconds = m_warmup->value();
    s.rampUpSeconds = m_rampUp->value();
    s.timeoutSeconds = m_timeout->value();
    s.verifyTls = m_verifyTls->isChecked();
    s.stream = m_stream->isChecked();
    if (isWebSocket()) {
        // Sessions are held for a duration: the fields for requests do not
        // apply (they keep their values for an http URL).
        s.model = server::LoadModel::Closed;
        s.rate = 0;
        s.requestCount = 0;
        s.stream = false;
        s.wsMessage = toStd(m_wsMessage->text());
        s.wsIntervalMs = s.wsMessage.empty() ? 0 : m_wsInterval->value();
    }
    return s;
}

void LoadSettingsForm::setSettings(const server::LoadSettings& s)
{
    {
        const QSignalBlocker b1(m_url), b2(m_model), b3(m_connections), b4(m_rate),
            b5(m_byDuration), b6(m_byCount), b7(m_duration), b8(m_count), b9(m_warmup),
            b10(m_rampUp), b11(m_timeout), b12(m_verifyTls), b13(m_stream), b14(m_wsMessage),
            b15(m_wsInterval);
        m_url->setText(toQt(s.url));
        m_model->setCurrentIndex(std::max(0, m_model->findData(int(s.model))));
        m_connections->setValue(s.connections);
        // Closed runs carry no rate; keep the one the field had.
        if (s.model == server::LoadModel::Open || s.rate > 0)
            m_rate->setValue(s.rate);
        m_duration->setValue(s.durationSeconds);
        if (s.requestCount > 0) {
            m_count->setValue(int(std::min<std::uint64_t>(s.requestCount, INT_MAX)));
            m_byCount->setChecked(true);
        } else {
            m_byDuration->setChecked(true);
        }
        m_warmup->setValue(s.warmupSeconds);
        m_rampUp->setValue(s.rampUpSeconds);
        m_timeout->setValue(s.timeoutSeconds);
        m_verifyTls->setChecked(s.verifyTls);
        m_stream->setChecked(s.stream);
        // An http run keeps the fields' last message for the next ws URL.
        if (s.webSocket()) {
            m_wsMessage->setText(toQt(s.wsMessage));
            m_wsInterval->setValue(s.wsIntervalMs);
        }
    }
    updateEnabled();
    updateTarget();
    Q_EMIT edited();
}

void LoadSettingsForm::setEmbeddedServer(const QString& baseUrl, bool running)
{
    const bool following = m_url->text().trimmed().isEmpty() || targetsEmbeddedServer();
    m_embeddedUrl = baseUrl;
    m_embeddedRunning = running;
    const QString url = following && isWebSocket() && !baseUrl.isEmpty()
        ? onEmbeddedServer(m_url->text(), baseUrl)
        : baseUrl;
    if (following && !url.isEmpty() && m_url->text().trimmed() != url)
        m_url->setText(url); // emits edited()
    else {
        updateEnabled();
        updateTarget();
    }
    m_embeddedButton->setEnabled(!baseUrl.isEmpty());
}

bool LoadSettingsForm::targetsEmbeddedServer() const
{
    const HostPort a = hostPort(m_url->text());
    const HostPort b = hostPort(m_embeddedUrl);
    if (!a.ok || !b.ok || a.port != b.port)
        return false;
    if (a.host.compare(b.host, Qt::CaseInsensitive) == 0)
        return true;
    // localhost and 127.0.0.1 reach the same loopback listener.
    return isLoopback(a.host) && isLoopback(b.host)
        && QHostAddress(b.host).protocol() != QAbstractSocket::IPv6Protocol
        && QHostAddress(a.host).protocol() != QAbstractSocket::IPv6Protocol;
}

void LoadSettingsForm::useEmbeddedServer()
{
    if (m_embeddedUrl.isEmpty())
        return;
    // A WebSocket target stays one, with its path: only the address moves.
    m_url->setText(isWebSocket() ? onEmbeddedServer(m_url->text(), m_embeddedUrl) : m_embeddedUrl);
}

bool LoadSettingsForm::isWebSocket() const
{
    return isWebSocketUrl(m_url->text());
}

QString LoadSettingsForm::describeTarget(const QString& url, const QString& embeddedUrl)
{
    const HostPort hp = hostPort(url);
    if (url.trimmed().isEmpty())
        return tr("Enter the URL to send to.");
    if (!hp.ok)
        return tr("Not an http://, https://, ws:// or wss:// URL.");
    const HostPort embedded = hostPort(embeddedUrl);
    if (embedded.ok && embedded.port == hp.port
        && (embedded.host.compare(hp.host, Qt::CaseInsensitive) == 0
            || (isLoopback(embedded.host) && isLoopback(hp.host))))
        return tr("Sending to %1 — the embedded server").arg(hostText(hp));
    if (isLoopback(hp.host))
        return tr("Sending to %1 — this machine, not the embedded server").arg(hostText(hp));
    return tr("Sending to %1 — not this machine").arg(hostText(hp));
}

QString LoadSettingsForm::targetDescription() const
{
    return describeTarget(m_url->text(), m_embeddedUrl);
}

void LoadSettingsForm::updateTarget()
{
    QString text = targetDescription();
    if (targetsEmbeddedServer() && !m_embeddedRunning)
        text += tr(" (stopped: starting a run starts it)");
    m_target->setText(text);
    const bool remote = hostPort(m_url->text()).ok && !isLoopback(hostPort(m_url->text()).host);
    m_target->setToolTip(remote ? tr("Load tests put real load on that host: only test servers "
                                     "you are allowed to.")
                                : QString());
    // Somewhere else is worth a second look; the local cases are quiet.
    QPalette p = palette();
    if (remote)
        p.setColor(QPalette::WindowText, QColor(0xd3, 0x54, 0x00));
    else
        p.setColor(QPalette::WindowText, palette().color(QPalette::PlaceholderText));
    m_target->setPalette(p);
}

void LoadSettingsForm::updateEnabled()
{
    const bool ws = isWebSocket();
    const bool open = server::LoadModel(m_model->currentData().toInt()) == server::LoadModel::Open;
    // A WebSocket run holds its sessions for a duration (settings() says so):
    // the model, the rate, a request count and streams do not apply.
    m_model->setEnabled(!ws);
    m_rate->setEnabled(open && !ws);
    const QString url = m_url->text().trimmed();
    m_verifyTls->setEnabled(url.startsWith(QLatin1String("https:"), Qt::CaseInsensitive)
        || url.startsWith(QLatin1String("wss:"), Qt::CaseInsensitive));
    m_verifyTls->setToolTip(targetsEmbeddedServer()
            ? tr("Against Tollgate's local certificate authority, which issued the embedded "
                 "server's certificate, and the host name.")
            : tr("Against the system's certificate authorities and the host name. Turn off for "
                 "a test server with a self-signed certificate."));
    m_byCount->setEnabled(!ws);
    m_duration->setEnabled(m_byDuration->isChecked() || ws);
    m_count->setEnabled(m_byCount->isChecked() && !ws);
    m_stream->setVisible(!ws);
    for (QWidget* w : std::initializer_list<QWidget*> {
             m_wsMessageLabel, m_wsMessage, m_wsIntervalLabel, m_wsInterval })
        w->setVisible(ws);
    m_wsInterval->setEnabled(!m_wsMessage->text().isEmpty());
}

void LoadSettingsForm::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_target)
        updateTarget();
}

} // namespace tollgate::ui
