#pragma once

#include <QTableView>

namespace tollgate::ui {

/// A table of the WebSocket tab that asks for the rows its minimum height
/// holds and takes whatever room the layout has beyond that. A plain table
/// asks for a dozen rows; the tab, in a scroll area, would scroll for them
/// (the area gives its content the height it prefers at its width).
class WsTableView final : public QTableView {
public:
    using QTableView::QTableView;

    QSize sizeHint() const override
    {
        const QSize hint = QTableView::sizeHint();
        return minimumHeight() > 0 ? QSize(hint.width(), minimumHeight()) : hint;
    }
};

} // namespace tollgate::ui
