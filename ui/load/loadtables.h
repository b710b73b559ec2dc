#pragma once

// The tables of the Load page (mix, key pool, tiers, routes, runs,
// comparison) look alike: built and sized here.

#include <QString>

class QAbstractItemModel;
class QTableView;
class QWidget;

namespace tollgate::ui {

/// A read-only table of whole rows, one selected at a time, no row numbers,
/// rows as high as a line of text.
QTableView* makeLoadTable(const char* objectName, QAbstractItemModel* model, QWidget* parent);

/// Sizes a column to its header or a sample cell, whichever is wider.
void fitLoadColumn(QTableView* view, int column, const QString& sample);

} // namespace tollgate::ui
