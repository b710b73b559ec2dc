#pragma once

#include "server/metering/metricsview.h"
#include "ui/metrics/metricswindow.h"

#include <QWidget>

#include <string>
#include <vector>

class QComboBox;
class QDateTimeEdit;
class QSpinBox;

namespace tollgate::ui {

class WorkspaceDocument;

/// The Metrics page's toolbar: which window and which route, tier and key
/// the page shows, how long the metrics database keeps history (a workspace
/// setting, undoable) and the export buttons. It reports choices; the page
/// decides and shows them back through showWindow() and showFilter().
class MetricsToolbar final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetricsToolbar)

public:
    explicit MetricsToolbar(WorkspaceDocument* document, QWidget* parent = nullptr);
    ~MetricsToolbar() override;

    /// Selects the window, and shows a custom one's range.
    void showWindow(const MetricsWindow& window);
    /// Selects the filter's route, tier and key, offering ones not seen yet.
    void showFilter(const server::MetricsFilter& filter);
    /// Offers the routes, tiers and keys of a view (and those of current).
    void offerNames(const server::MetricsView& view, const server::MetricsFilter& current);

Q_SIGNALS:
    void windowChosen(tollgate::ui::MetricsWindow::Kind kind);
    /// The custom window's range was edited.
    void customRangeChosen(const QDateTime& from, const QDateTime& to);
    void filterChosen(const tollgate::server::MetricsFilter& filter);
    void exportPngClicked();
    void exportCsvClicked();

private:
    QComboBox* filterCombo(const char* name, const QString& tip);
    QSpinBox* retentionSpin();
    QString keyLabel(const std::string& id) const;
    QString tierLabel(const std::string& id) const;
    void chooseFilter();

    WorkspaceDocument* m_document;
    QComboBox* m_windowCombo = nullptr;
    QWidget* m_customBox = nullptr;
    QDateTimeEdit* m_fromEdit = nullptr;
    QDateTimeEdit* m_toEdit = nullptr;
    QComboBox* m_routeFilter = nullptr;
    QComboBox* m_tierFilter = nullptr;
    QComboBox* m_keyFilter = nullptr;
    QSpinBox* m_retention = nullptr;
};

} // namespace tollgate::ui
