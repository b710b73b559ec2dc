#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

class QNetworkAccessManager;
class QTimer;

namespace tollgate::app {

/// The traffic of the Metrics screenshot: for a while, requests against the
/// demo's routes in a load that swells and ebbs (60 a second on average),
/// mostly answered, some client mistakes, three keys of three tiers, the
/// free one a little faster than its tier allows. finished() once it is
/// over.
class ScreenshotTraffic final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScreenshotTraffic)

public:
    /// keys: the secrets of a free, a pro and an enterprise key.
    ScreenshotTraffic(QString baseUrl, QList<QByteArray> keys, QObject* parent = nullptr);

    void start(int durationMs);

Q_SIGNALS:
    void finished();

private:
    void tick();

    QString m_baseUrl;
    QList<QByteArray> m_keys;
    QNetworkAccessManager* m_network;
    QTimer* m_timer;
    int m_ticks = 0;
    int m_lastTick = 0;
    int m_sent = 0;
};

} // namespace tollgate::app
