#pragma once

#include "server/workspace/workspace.h"
#include "ui/engine/enginefacade.h"

#include <QGroupBox>

#include <string>

class QLabel;
class QPushButton;

namespace tollgate::ui {

class ServerController;

/// The top of the Upstream tab: how the route's upstream is doing (its
/// circuit breaker, requests, attempts per request, retries, errors by kind
/// and upstream latency, refreshed as the server controller polls them) and
/// "Test upstream", which calls the upstream's base URL once and says how
/// long each step took or where it failed.
class UpstreamStatusBox final : public QGroupBox {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpstreamStatusBox)

public:
    explicit UpstreamStatusBox(QWidget* parent = nullptr);

    /// Where figures come from and tests go; without one the box says the
    /// server is not there and Test is off.
    void setServer(ServerController* server);
    /// The route shown: its engine name and the settings Test calls (the
    /// stored ones; testable: the URL is valid).
    void showRoute(const std::string& routeName, const server::Upstream& upstream, bool testable);
    /// Another route comes next: forget the test result.
    void clear();

private:
    void refreshFigures();
    void test();
    void onTested(quint64 ticket, const UpstreamTest& test);

    ServerController* m_server = nullptr;
    std::string m_route;
    server::Upstream m_upstream;
    bool m_testable = false;
    quint64 m_ticket = 0; ///< the test being waited for (0: none)

    QLabel* m_breaker;
    QLabel* m_requests;
    QLabel* m_attempts;
    QLabel* m_retries;
    QLabel* m_errors;
    QLabel* m_latency;
    QPushButton* m_test;
    QLabel* m_testResult;
};

} // namespace tollgate::ui
