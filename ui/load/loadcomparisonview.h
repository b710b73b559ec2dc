#pragma once

#include "server/load/loadplan.h"

#include <QHash>
#include <QString>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace tollgate::ui {

class LoadComparisonModel;

/// The Compare tab of the Load page: two saved runs side by side (the
/// first the baseline), with the change of each measure, and a button that
/// copies the comparison as the text `tollgated load` prints.
class LoadComparisonView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadComparisonView)

public:
    explicit LoadComparisonView(QWidget* parent = nullptr);
    ~LoadComparisonView() override;

    LoadComparisonModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    /// The comparison as plain text; empty when none is shown.
    QString text() const { return m_text; }

    /// Shows a against b; tierNames maps tier ids to names.
    void compare(const server::LoadReport& a, const server::LoadReport& b,
        const QHash<QString, QString>& tierNames);
    /// Empties the table (the caption stays until the next comparison).
    void clear();

private:
    void copyText();
    void updateButtons();

    LoadComparisonModel* m_model;
    QString m_text;
    QLabel* m_caption = nullptr;
    QTableView* m_view = nullptr;
    QPushButton* m_copyButton = nullptr;
};

} // namespace tollgate::ui
