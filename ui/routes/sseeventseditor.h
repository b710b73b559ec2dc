#pragma once

#include "server/workspace/workspace.h"

#include <QWidget>

#include <vector>

class QLabel;
class QTableView;
class QToolButton;

namespace tollgate::ui {

class BodyEditor;
class SseEventModel;

/// The Stream tab's scripted events: a table of type, data, id, retry and
/// delay with add, remove, up and down, and under it the selected event's
/// data, which may take several lines (each is sent as a "data:" line). A
/// stream keeps at least one event (a route file needs one).
class SseEventsEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SseEventsEditor)

public:
    explicit SseEventsEditor(QWidget* parent = nullptr);

    void setEvents(const std::vector<server::SseEvent>& events);
    const std::vector<server::SseEvent>& events() const;
    /// Whether each event's delay counts; not while the stream has a pace.
    void setDelaysUsed(bool used);
    SseEventModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }

Q_SIGNALS:
    /// The user changed the events (events() holds them); mergeKey as
    /// SseEventModel::eventsEdited says.
    void edited(const QString& mergeKey);
    /// An edit was not taken, and why.
    void refused(const QString& problem);

private:
    void moveEvent(int delta);
    void selectRow(int row);
    void showCurrent();
    void showHint();

    SseEventModel* m_model;
    QTableView* m_view;
    QLabel* m_hint;
    QToolButton* m_add;
    QToolButton* m_remove;
    QToolButton* m_up;
    QToolButton* m_down;
    QLabel* m_dataLabel;
    BodyEditor* m_data;
    QLabel* m_dataProblem;
    /// Set while the selected event's data is put in the editor.
    bool m_showing = false;
};

} // namespace tollgate::ui
