#pragma once

#include "server/load/loadplan.h"

#include <QString>
#include <QStringList>
#include <QWidget>

class QPushButton;
class QTableView;

namespace tollgate::ui {

class LoadRunListModel;
class WorkspaceDocument;

/// The Runs tab of the Load page: the workspace's saved load runs, newest
/// first, and what can be done with the selected ones: show one, compare
/// two, put one's settings in the form, delete.
class LoadRunsView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadRunsView)

public:
    explicit LoadRunsView(WorkspaceDocument* document, QWidget* parent = nullptr);
    ~LoadRunsView() override;

    /// <workspace>/.tollgate/loadruns; empty when no workspace is open.
    static QString directoryOf(const WorkspaceDocument& document);
    QString directory() const;

    LoadRunListModel* model() const { return m_runs; }
    QTableView* view() const { return m_view; }

    /// Lists the saved runs again, keeping the selection.
    void refresh();
    /// Reads a saved run; false with the reason when it cannot.
    bool read(const QString& id, server::LoadReport* out, QString* why) const;
    /// Deletes a saved run, asking first when confirm is set.
    bool remove(const QString& id, bool confirm = true);
    /// Selects one run (the one just made, say) and nothing else.
    void select(const QString& id);
    /// Ids of the selected runs, in the table's order.
    QStringList selectedIds() const;

    /// While a test runs, no saved run is shown or put in the form.
    void setRunning(bool running);

Q_SIGNALS:
    /// The list was read again.
    void refreshed();
    /// Show was asked for this run.
    void openRequested(const QString& id);
    /// Compare was asked for: a is the baseline (the older run).
    void compareRequested(const QString& a, const QString& b);
    /// Use Settings was asked for: the run's settings.
    void settingsRequested(const server::LoadSettings& settings);
    /// A line for the status bar.
    void message(const QString& text);

private:
    void openSelected();
    void compareSelected();
    void useSelectedSettings();
    void deleteSelected();
    void updateButtons();

    WorkspaceDocument* m_document;
    LoadRunListModel* m_runs;
    bool m_running = false;
    QTableView* m_view = nullptr;
    QPushButton* m_openButton = nullptr;
    QPushButton* m_compareButton = nullptr;
    QPushButton* m_useSettingsButton = nullptr;
    QPushButton* m_deleteButton = nullptr;
};

} // namespace tollgate::ui
