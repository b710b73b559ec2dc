#include "app/screenshot/screenshottraffic.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace tollgate::app {

namespace {

constexpr int kTickMs = 25;

struct Call {
    const char* method;
    const char* path;
    int key; // index into the keys (free, pro, enterprise), -1 = none
    const char* body;
};

// Mostly answers, a few client mistakes (404, 400, 422); the free key also
// calls on its own (kFree), a little faster than its tier allows.
constexpr Call kCalls[] = {
    { "GET", "/health", -1, nullptr },
    { "GET", "/v1/users/42", 1, nullptr },
    { "GET", "/v1/models", -1, nullptr },
    { "GET", "/v1/metrics?window=1h", 2, nullptr },
    { "GET", "/v1/users/42", 2, nullptr },
    { "POST", "/generate", 1, "{\"prompt\":\"a tagline for a budget app\"}" },
    { "GET", "/health", -1, nullptr },
    { "GET", "/v1/metrics?window=24h", 2, nullptr },
    { "GET", "/v1/users/17", 2, nullptr },
    { "GET", "/v1/models", -1, nullptr },
    { "POST", "/generate", 2, "{\"prompt\":\"release notes\"}" },
    { "GET", "/v1/users/0", 1, nullptr },
    { "GET", "/v1/metrics?window=7d", 2, nullptr },
    { "GET", "/v1/users/42", 2, nullptr },
    { "GET", "/health", -1, nullptr },
    { "GET", "/v1/users/5", 2, nullptr },
    { "GET", "/v1/metrics?window=1h", 1, nullptr },
    { "POST", "/generate", 2, "{\"prompt\":\"a haiku about queues\"}" },
    { "GET", "/v1/metrics?window=2w", 2, nullptr },
    { "GET", "/v1/users/42", 2, nullptr },
    { "GET", "/v2/users", -1, nullptr },
    { "GET", "/v1/models", -1, nullptr },
    { "POST", "/generate", 2, "{}" },
    { "GET", "/v1/users/8", 2, nullptr },
    { "GET", "/health", -1, nullptr },
    { "GET", "/v1/users/12", 2, nullptr },
    { "GET", "/v1/metrics?window=24h", 2, nullptr },
    { "GET", "/v1/models", -1, nullptr },
    { "GET", "/v1/users/3", 1, nullptr },
    { "POST", "/generate", 2, "{\"prompt\":\"pricing page copy\"}" },
    { "GET", "/v1/users/42", 2, nullptr },
    { "GET", "/health", -1, nullptr },
    { "GET", "/v1/metrics?window=1h", 2, nullptr },
    { "GET", "/v1/users/21", 2, nullptr },
    { "GET", "/v1/models", -1, nullptr },
    { "GET", "/v1/users/42", 2, nullptr },
};
constexpr Call kFree[] = {
    { "GET", "/v1/users/7", 0, nullptr },
    { "POST", "/generate", 0, "{\"prompt\":\"hello\"}" },
    { "GET", "/v1/metrics?window=1h", 0, nullptr },
};

void send(QNetworkAccessManager* network, const QString& baseUrl, const QList<QByteArray>& keys,
    const Call& call)
{
    QNetworkRequest request(QUrl(baseUrl + QLatin1String(call.path)));
    if (call.key >= 0 && call.key < keys.size())
        request.setRawHeader("X-API-Key", keys[call.key]);
    QNetworkReply* reply = nullptr;
    if (call.body) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        reply = network->post(request, QByteArray(call.body));
    } else {
        reply = network->get(request);
    }
    QObject::connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
}

} // namespace

ScreenshotTraffic::ScreenshotTraffic(QString baseUrl, QList<QByteArray> keys, QObject* parent)
    : QObject(parent)
    , m_baseUrl(std::move(baseUrl))
    , m_keys(std::move(keys))
    , m_network(new QNetworkAccessManager(this))
    , m_timer(new QTimer(this))
{
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_timer->setInterval(kTickMs);
    connect(m_timer, &QTimer::timeout, this, &ScreenshotTraffic::tick);
}

void ScreenshotTraffic::start(int durationMs)
{
    m_ticks = 0;
    m_lastTick = durationMs / kTickMs;
    m_timer->start();
}

void ScreenshotTraffic::tick()
{
    if (m_ticks >= m_lastTick) {
        m_timer->stop();
        Q_EMIT finished();
        return;
    }
    const int tick = m_ticks++;
    // A load that swells and ebbs, so the rate chart has a shape: 60
    // requests a second on average, the pro key's share of it near its
    // tier's 1000 a minute.
    const double t = double(tick * kTickMs) / 1000.0;
    const int count
        = std::max(0, int(std::lround(1.5 + 1.2 * std::sin(t / 5.0) + 0.6 * std::sin(t * 1.3))));
    for (int i = 0; i < count; ++i)
        send(m_network, m_baseUrl, m_keys, kCalls[std::size_t(m_sent++) % std::size(kCalls)]);
    // About 2.2 requests a second against the free tier's 100 a minute.
    if (tick % 18 == 0)
        send(m_network, m_baseUrl, m_keys, kFree[std::size_t(tick / 18) % std::size(kFree)]);
}

} // namespace tollgate::app
