#pragma once

#include <QStyledItemDelegate>

namespace tollgate::ui {

/// Edits the events table of an SSE route: its times with a spin box over
/// the range a route file allows (retry: 0 sends none), the rest with the
/// default editor.
class SseEventDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SseEventDelegate)

public:
    explicit SseEventDelegate(QObject* parent = nullptr);

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
        const QModelIndex& index) const override;
};

} // namespace tollgate::ui
