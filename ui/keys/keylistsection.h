#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>

class QAction;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QMenu;
class QTableView;

namespace tollgate::ui {

class KeyFilterProxy;
class KeyTableModel;
class WorkspaceDocument;

/// The keys part of the Keys & Tiers page: the API keys, filtered by text,
/// tier and state, and which of them are selected. The selection survives
/// the resets of adding, removing and reloading keys.
class KeyListSection final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyListSection)

public:
    KeyListSection(WorkspaceDocument* document, KeyTableModel* keys, KeyFilterProxy* proxy,
        QWidget* parent = nullptr);

    KeyTableModel* model() const { return m_keys; }
    KeyFilterProxy* proxy() const { return m_proxy; }
    QTableView* view() const { return m_view; }

    /// Puts the key actions in the section's bar and the table's context
    /// menu; the placeholder names the new-key shortcut.
    void setActions(QAction* newKey, QAction* rotate, QMenu* changeTier, QAction* revoke);

    /// Ids of the keys selected in the table, in table order.
    QStringList selectedKeyIds() const;
    /// The id of the current key, empty for none.
    QString currentKeyId() const;
    /// Selects the key with this id (clearing filters that hide it).
    void selectKey(const QString& id);

Q_SIGNALS:
    void selectionChanged();
    /// The current key changed (its id: currentKeyId()).
    void currentKeyChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void rebuildTierFilter();
    void updatePlaceholder();

    WorkspaceDocument* m_document;
    KeyTableModel* m_keys;
    KeyFilterProxy* m_proxy;
    QLineEdit* m_textFilter;
    QComboBox* m_tierFilter;
    QComboBox* m_stateFilter;
    QLabel* m_count;
    QTableView* m_view;
    QLabel* m_placeholder;
    QHBoxLayout* m_bar;
    QAction* m_newKey = nullptr;
    /// The current key before a reset, to select it again after.
    QString m_reselect;
};

} // namespace tollgate::ui
