#pragma once

#include <QWidget>

class QAbstractItemModel;
class QTableView;

namespace tollgate::ui {

/// A table of rows the user edits in place, with Add and Remove buttons under
/// it. Add appends a row and opens its first cell; Remove drops the current
/// row. The model does the work (insertRows, removeRows).
class EditableTable final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EditableTable)

public:
    EditableTable(QAbstractItemModel* model, const QString& addText, const QString& removeText,
        QWidget* parent = nullptr);
    ~EditableTable() override;

    QTableView* view() const { return m_view; }

private:
    void addRow();
    void removeRow();

    QTableView* m_view;
};

} // namespace tollgate::ui
