#include "ui/metrics/metricsexport.h"

#include "ui/metrics/metricsseriesmodel.h"
#include "ui/metrics/routemetricsmodel.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QPixmap>
#include <QSaveFile>
#include <QStandardPaths>
#include <QWidget>

namespace tollgate::ui {

namespace {

bool writeText(const QString& file, const QString& text, QString* error)
{
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(text.toUtf8()) < 0 || !out.commit()) {
        if (error)
            *error = MetricsExport::tr("Cannot write %1: %2")
                         .arg(QDir::toNativeSeparators(file), out.errorString());
        return false;
    }
    return true;
}

// Where to save, starting at name in a standard folder; empty when cancelled.
QString askFile(QWidget* parent, QStandardPaths::StandardLocation folder, const QString& name,
    const QString& title, const QString& filter)
{
    const QString start
        = QDir(QStandardPaths::writableLocation(folder)).filePath(name);
    return QFileDialog::getSaveFileName(parent, title, start, filter);
}

} // namespace

bool MetricsExport::savePng(QWidget* charts, const QString& file, QString* error)
{
    const QPixmap pixmap = charts->grab();
    if (pixmap.isNull() || !pixmap.save(file, "PNG")) {
        if (error)
            *error = tr("Cannot write %1.").arg(QDir::toNativeSeparators(file));
        return false;
    }
    return true;
}

bool MetricsExport::saveCsv(const MetricsSeriesModel& series, const RouteMetricsModel& routes,
    const QString& file, QString* routesFile, QString* error)
{
    const QFileInfo info(file);
    const QString routesPath
        = info.dir().filePath(info.completeBaseName() + QStringLiteral("-routes.csv"));
    if (!writeText(file, series.toCsv(), error) || !writeText(routesPath, routes.toCsv(), error))
        return false;
    if (routesFile)
        *routesFile = routesPath;
    return true;
}

QString MetricsExport::choosePng(QWidget* charts, QWidget* dialogParent)
{
    const QString file = askFile(dialogParent, QStandardPaths::PicturesLocation,
        QStringLiteral("tollgate-metrics.png"), tr("Export Charts"), tr("PNG images (*.png)"));
    if (file.isEmpty())
        return {};
    QString error;
    if (!savePng(charts, file, &error))
        return error;
    return tr("Saved the charts to %1").arg(QDir::toNativeSeparators(file));
}

QString MetricsExport::chooseCsv(
    const MetricsSeriesModel& series, const RouteMetricsModel& routes, QWidget* dialogParent)
{
    const QString file = askFile(dialogParent, QStandardPaths::DocumentsLocation,
        QStringLiteral("tollgate-metrics.csv"), tr("Export Data"), tr("CSV files (*.csv)"));
    if (file.isEmpty())
        return {};
    QString routesFile;
    QString error;
    if (!saveCsv(series, routes, file, &routesFile, &error))
        return error;
    return tr("Saved the series to %1 and the routes to %2")
        .arg(QDir::toNativeSeparators(file), QDir::toNativeSeparators(routesFile));
}

} // namespace tollgate::ui
