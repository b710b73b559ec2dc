#pragma once

#include "server/composer/history.h"

#include <QObject>

#include <memory>

namespace tollgate::ui {

class HistoryModel;

/// The requests sent from this workspace: the model the sidebar shows and
/// the file that keeps it (.tollgate/history.jsonl), kept in step.
class RequestHistory final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestHistory)

public:
    explicit RequestHistory(QObject* parent = nullptr);
    ~RequestHistory() override;

    HistoryModel* model() const { return m_model; }

    /// Loads the history of the workspace in this directory.
    void open(const QString& workspaceDir);
    /// Shows the entry on top and appends it to the file.
    void append(server::HistoryEntry entry);
    /// Forgets every entry, on screen and on disk.
    void clear();

Q_SIGNALS:
    /// The file could not be written; the entries are still shown.
    void message(const QString& text);

private:
    HistoryModel* m_model;
    std::unique_ptr<server::HistoryLog> m_log;
};

} // namespace tollgate::ui
