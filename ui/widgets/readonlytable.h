#pragma once

// The result tables of the Load and Metrics pages look alike: built and sized
// here.

#include <QString>

class QAbstractItemModel;
class QTableView;
class QWidget;

namespace tollgate::ui {

/// A read-only table of whole rows, one selected at a time, no row numbers,
/// rows as high as a line of text.
QTableView* makeReadOnlyTable(const char* objectName, QAbstractItemModel* model, QWidget* parent);

/// Sizes a column to its header or a sample cell, whichever is wider.
void fitColumn(QTableView* view, int column, const QString& sample);

} // namespace tollgate::ui
