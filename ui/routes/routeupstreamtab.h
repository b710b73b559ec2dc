#pragma once

#include "ui/routes/routesection.h"

#include <functional>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace tollgate::ui {

class ServerController;
class UpstreamHeadersBox;
class UpstreamSecrets;
class UpstreamStatusBox;

/// The route editor's Upstream tab, shown while the route answers from a
/// real API: every setting of its upstream, grouped (target, headers, TLS,
/// timeouts, retries, circuit breaker, pool, limits and fee), how its calls
/// and breaker are doing, and "Test upstream".
///
/// Text the workspace could not load (a URL that is not one, a path
/// template with an open brace) is not stored: the field keeps what was
/// typed and says what is wrong, in the words of the workspace reader, until
/// it is fixed or the route changes. What the server reports when it
/// applies the route (an address it refuses, a secret that is not set) is
/// shown here as in the Problems view.
class RouteUpstreamTab final : public RouteSection {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RouteUpstreamTab)

public:
    explicit RouteUpstreamTab(QWidget* parent = nullptr);

    /// Figures, tests, the problems of the last apply, and secret values.
    void setServer(ServerController* server, UpstreamSecrets* secrets);
    /// Puts the cursor in the URL field, its text selected.
    void focusUrl();

Q_SIGNALS:
    /// "Allowlist and fallback…": the workspace's upstream settings.
    void upstreamSettingsRequested();

private:
    /// A typed field of the upstream whose text the workspace reader checks.
    struct TextField {
        QLineEdit* edit = nullptr;
        std::string server::Upstream::*value = nullptr;
        /// Why a text cannot be stored, in the reader's words; empty if it can.
        std::function<std::string(const std::string&)> problem;
        QString label; ///< "URL", prefixed to its problem
        QString mergeKey;
        QString undoText;
        QString error; ///< the problem shown while the typed text is kept
    };
    /// A whole-number setting of the upstream.
    struct IntField {
        QSpinBox* spin = nullptr;
        int server::Upstream::*value = nullptr;
        QString mergeKey;
        QString undoText;
    };

    void load() override;
    void forget() override;

    QWidget* buildTarget();
    QWidget* buildTls();
    QWidget* buildTimeouts();
    QWidget* buildRetries();
    QWidget* buildBreaker();
    QWidget* buildPool();
    QWidget* buildLimits();
    QLineEdit* textField(const char* objectName, const QString& placeholder, const QString& toolTip,
        TextField field);
    QSpinBox* intField(const char* objectName, int min, int max, const QString& suffix,
        const QString& toolTip, IntField field);
    void textEdited(TextField& field, const QString& text);
    void edit(const server::Upstream& upstream, const QString& mergeKey, const QString& undoText);
    void showErrors();
    void loadOpenResponses(const server::Route& route);
    void loadFee(const server::Upstream& upstream);
    void showServerProblems();
    std::string routeName() const;

    ServerController* m_server = nullptr;
    std::vector<TextField> m_text;
    std::vector<IntField> m_ints;
    QCheckBox* m_passQuery = nullptr;
    QCheckBox* m_verifyTls = nullptr;
    QLabel* m_tlsNote = nullptr;
    QDoubleSpinBox* m_failureRate = nullptr;
    QComboBox* m_openResponse = nullptr;
    QSpinBox* m_maxResponse = nullptr;
    QLineEdit* m_fee = nullptr;
    QString m_feeError;
    QString m_headerError;
    UpstreamHeadersBox* m_headers = nullptr;
    UpstreamStatusBox* m_status = nullptr;
    QLabel* m_errors = nullptr;
    QLabel* m_serverProblems = nullptr;
};

} // namespace tollgate::ui
