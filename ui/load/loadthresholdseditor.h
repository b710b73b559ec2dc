#pragma once

#include "server/load/loadplan.h"

#include <QStringList>
#include <QWidget>

#include <string>
#include <vector>

class QCheckBox;
class QLabel;
class QTableView;
class QToolButton;

namespace tollgate::ui {

class LoadThresholdModel;

/// The Thresholds tab of the Load page's settings side: the run's
/// pass/fail conditions, edited in place (Insert adds one, Delete removes
/// the selected one), each checked as it is typed, the problems of the bad
/// ones in a banner under the table as the side shows its own, and whether
/// the first failure stops the run.
class LoadThresholdsEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadThresholdsEditor)

public:
    explicit LoadThresholdsEditor(QWidget* parent = nullptr);

    LoadThresholdModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QCheckBox* abortCheck() const { return m_abort; }
    QLabel* problemLabel() const { return m_problems; }
    QToolButton* addButton() const { return m_add; }
    QToolButton* removeButton() const { return m_remove; }

    /// The non-empty thresholds (LoadSettings::thresholds) and the check box.
    std::vector<std::string> thresholds() const;
    bool abortOnThreshold() const;
    /// Shows a run's thresholds and its abortOnThreshold.
    void setThresholds(const std::vector<std::string>& thresholds, bool abortOnThreshold);
    /// The run the thresholds belong to (mix, key pool, URL), to check them.
    void setRun(const server::LoadSettings& run);

    /// Appends an empty row and opens its editor.
    void addThreshold();
    /// Removes the selected row.
    void removeThreshold();

Q_SIGNALS:
    /// A threshold or the check box changed.
    void edited();

protected:
    void changeEvent(QEvent* event) override;

private:
    void showProblems();
    void updateButtons();

    LoadThresholdModel* m_model;
    QTableView* m_view = nullptr;
    QCheckBox* m_abort = nullptr;
    QLabel* m_problems = nullptr;
    QToolButton* m_add = nullptr;
    QToolButton* m_remove = nullptr;
};

} // namespace tollgate::ui
