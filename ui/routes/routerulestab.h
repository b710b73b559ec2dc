#pragma once

#include "ui/routes/routesection.h"

class QComboBox;
class QLabel;
class QTableView;
class QToolButton;

namespace tollgate::ui {

class RuleTableModel;

/// The route editor's Rules tab: how a response is picked (rules with a
/// default, random, in turn) and the rules, in the order they are checked.
class RouteRulesTab final : public RouteSection {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RouteRulesTab)

public:
    explicit RouteRulesTab(QWidget* parent = nullptr);

private:
    void load() override;
    void loadResponseLabels(const server::Route& route);
    void moveRule(int delta);
    void updateButtons();

    QComboBox* m_mode;
    QComboBox* m_defaultResponse;
    QLabel* m_hint;
    RuleTableModel* m_rules;
    QTableView* m_view;
    QToolButton* m_add;
    QToolButton* m_remove;
    QToolButton* m_up;
    QToolButton* m_down;
};

} // namespace tollgate::ui
