#pragma once

#include "ui/routes/routesection.h"

class QCheckBox;
class QLabel;
class QSpinBox;
class QTableView;
class QToolButton;

namespace tollgate::ui {

class WsMessagesEditor;
class WsRuleEditor;
class WsRuleModel;

/// The route editor's WebSocket tab, shown while the route answers with a
/// WebSocket: the messages a client is sent when it connects, the rules
/// that answer its messages (the selected one edited under the table, with
/// its replies), echo for the messages no rule matches, and the limits
/// (message and frame size, idle timeout).
///
/// An edit the route file would refuse is not stored: the tab says why, in
/// the words of the workspace reader, and keeps what was typed until it is
/// fixed.
class RouteWebSocketTab final : public RouteSection {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RouteWebSocketTab)

public:
    explicit RouteWebSocketTab(QWidget* parent = nullptr);

    /// Fills in a first message on open and a first rule when the script is
    /// still the default, so a route that just became a WebSocket shows
    /// what one does (a welcome, ping answered with pong, echo).
    static void addStarter(server::WsScript* script);
    /// What a route that just became a WebSocket sends first.
    static server::WsMessage starterOnOpen();

private:
    void load() override;
    void forget() override;

    QWidget* buildOnOpen(QWidget* parent);
    QWidget* buildRules(QWidget* parent);
    QWidget* buildLimits(QWidget* parent);
    void edit(const server::WsScript& script, const QString& mergeKey, const QString& undoText);
    void editRules(std::vector<server::WsRule> rules, int select, const QString& undoText);
    void addRule();
    void removeRule();
    void moveRule(int delta);
    void selectRule(int row);
    void showRule();
    void fitRulesView();
    void limitEdited(QSpinBox* spin, const QString& mergeKey, const QString& undoText);
    void showError(const QString& error);
    void showLimitsProblem(const QString& problem);

    QLabel* m_error = nullptr;
    WsMessagesEditor* m_onOpen = nullptr;

    WsRuleModel* m_rules = nullptr;
    QTableView* m_rulesView = nullptr;
    QToolButton* m_addRule = nullptr;
    QToolButton* m_removeRule = nullptr;
    QToolButton* m_ruleUp = nullptr;
    QToolButton* m_ruleDown = nullptr;
    WsRuleEditor* m_rule = nullptr;
    QCheckBox* m_echo = nullptr;

    QSpinBox* m_maxMessage = nullptr;
    QLabel* m_maxMessageSize = nullptr;
    QSpinBox* m_frame = nullptr;
    QLabel* m_frameSize = nullptr;
    QSpinBox* m_idle = nullptr;
    QLabel* m_limitsError = nullptr;
    /// The idle timeout as stored when last shown: a value the reader would
    /// refuse (1-199 ms) stays in its box until that changes.
    int m_shownIdleMs = -1;
};

} // namespace tollgate::ui
