#pragma once

#include <QWidget>

class QAction;
class QLabel;
class QTableView;
class QTimer;

namespace tollgate::ui {

class TierTableModel;
class WorkspaceDocument;

/// The tiers part of the Keys & Tiers page: the pricing tiers, editable in
/// place, with actions to add and remove one, and why an edit was refused.
class TierSection final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TierSection)

public:
    TierSection(WorkspaceDocument* document, TierTableModel* tiers, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }
    QAction* addTierAction() const { return m_addTier; }
    QAction* removeTierAction() const { return m_removeTier; }

    /// The height that shows every tier without a scroll bar.
    int fittedHeight() const;

Q_SIGNALS:
    /// A status line for the window.
    void message(const QString& text);

private:
    void showMessage(const QString& text);
    void updateActions();

    WorkspaceDocument* m_document;
    TierTableModel* m_tiers;
    QAction* m_addTier;
    QAction* m_removeTier;
    QTableView* m_view;
    QLabel* m_message;
    QTimer* m_messageTimer;
};

} // namespace tollgate::ui
