#pragma once

#include <QCoreApplication>
#include <QString>

class QWidget;

namespace tollgate::ui {

class MetricsSeriesModel;
class RouteMetricsModel;

/// Saves what the Metrics page shows: the charts as a PNG, the series and
/// the route table as CSV files. The choose functions ask where first and
/// return what to tell the user (empty when the dialog was cancelled).
class MetricsExport {
    Q_DECLARE_TR_FUNCTIONS(tollgate::ui::MetricsExport)

public:
    static bool savePng(QWidget* charts, const QString& file, QString* error);
    /// The series to file, the route table next to it ("<name>-routes.csv",
    /// returned in *routesFile).
    static bool saveCsv(const MetricsSeriesModel& series, const RouteMetricsModel& routes,
        const QString& file, QString* routesFile, QString* error);

    static QString choosePng(QWidget* charts, QWidget* dialogParent);
    static QString chooseCsv(
        const MetricsSeriesModel& series, const RouteMetricsModel& routes, QWidget* dialogParent);
};

} // namespace tollgate::ui
