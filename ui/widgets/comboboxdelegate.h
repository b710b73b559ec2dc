#pragma once

#include <QStyledItemDelegate>

namespace tollgate::ui {

/// Edits cells whose model offers a list of choices (a QStringList under
/// choicesRole) with a combo box; the model's EditRole is the chosen index.
/// Other cells get the default editor.
class ComboBoxDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComboBoxDelegate)

public:
    ComboBoxDelegate(int choicesRole, QObject* parent = nullptr);

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
        const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(
        QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;

private:
    int m_choicesRole;
};

} // namespace tollgate::ui
