#pragma once

#include "server/workspace/workspace.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;
class QStackedWidget;
class QTabBar;
class QTabWidget;
class QTableView;
class QToolButton;

namespace tollgate::ui {

class ResponseEditor;
class RuleTableModel;
class WorkspaceDocument;

/// Edits the selected route: method, path, responses, rules, behaviour and
/// access (public or keyed, scopes, price, cost, own rate limit).
/// Every change is written to the document at once (one undo step per field
/// burst); the server picks it up through live apply.
class RouteEditor : public QWidget {
    Q_OBJECT

public:
    explicit RouteEditor(WorkspaceDocument* document, QWidget* parent = nullptr);

    /// Shows the route at row, or the empty page for -1.
    void setCurrentRow(int row);
    int currentRow() const { return m_row; }
    int currentResponse() const { return m_response; }
    void setCurrentResponse(int index);
    ResponseEditor* responseEditor() const { return m_responseEditor; }

Q_SIGNALS:
    void newRouteRequested();
    /// "Try It": open the route at this row in the request composer.
    void tryItRequested(int row);

private:
    void buildRoutePage(QWidget* page);
    QWidget* buildResponsesTab();
    QWidget* buildRulesTab();
    QWidget* buildBehaviourTab();
    QWidget* buildAccessTab();
    void refreshAccess(const server::RouteAccess& access);
    void setAccessError(const QString& error);

    void refresh();
    void refreshResponseTabs(const server::Route& route);
    void commit(const server::Route& route, const QString& field, const QString& text);
    server::Route route() const;

    void addResponse(bool duplicate);
    void removeResponse();
    void moveRule(int delta);
    void updateRuleButtons();
    void setPathError(const QString& error);

    WorkspaceDocument* m_document;
    int m_row = -1;
    int m_response = 0;
    /// Set while refresh() fills the widgets from the document, so nothing
    /// they report on the way is taken for a user edit.
    bool m_refreshing = false;

    QStackedWidget* m_stack;
    QComboBox* m_method;
    QLineEdit* m_path;
    QLabel* m_pathError;
    QCheckBox* m_enabled;
    QLineEdit* m_description;
    QTabWidget* m_tabs;

    QTabBar* m_responseTabs;
    QToolButton* m_removeResponse;
    ResponseEditor* m_responseEditor;

    QComboBox* m_mode;
    QComboBox* m_defaultResponse;
    QLabel* m_rulesHint;
    RuleTableModel* m_rules;
    QTableView* m_rulesView;
    QToolButton* m_addRule;
    QToolButton* m_removeRule;
    QToolButton* m_ruleUp;
    QToolButton* m_ruleDown;

    QSpinBox* m_latencyMin;
    QSpinBox* m_latencyMax;
    QDoubleSpinBox* m_failurePercent;
    QSpinBox* m_failureStatus;
    QCheckBox* m_failureReset;
    QSpinBox* m_bodyLimit;

    QRadioButton* m_accessPublic;
    QRadioButton* m_accessKey;
    QLineEdit* m_scopes;
    QLineEdit* m_price;
    QLineEdit* m_cost;
    QLineEdit* m_costPerMs;
    QSpinBox* m_routeRate;
    QSpinBox* m_routeBurst;
    QLabel* m_accessError;
    QWidget* m_keyedBox;
};

} // namespace tollgate::ui
