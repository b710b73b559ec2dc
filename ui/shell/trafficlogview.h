#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace tollgate::ui {

class TrafficLogModel;

/// The traffic log panel: filter box, clear button, and a table that follows
/// the newest request unless the user has scrolled away from the bottom.
class TrafficLogView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficLogView)

public:
    explicit TrafficLogView(TrafficLogModel* model, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateCount();

    TrafficLogModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    QLineEdit* m_filter;
    QToolButton* m_clear;
    QLabel* m_count;
    QLabel* m_placeholder;
    bool m_follow = true;
};

} // namespace tollgate::ui
