#pragma once

#include "server/composer/composerrequest.h"

#include <QObject>

#include <optional>

class QTimer;

namespace tollgate::ui {

class WorkspaceDocument;

/// The unsaved request of the open workspace in .tollgate/draft.json, so a
/// crash or a closed window loses nothing typed. Writing is asked for a
/// second after the last change (due()).
class ComposerDraft final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComposerDraft)

public:
    explicit ComposerDraft(const WorkspaceDocument* document, QObject* parent = nullptr);
    ~ComposerDraft() override;

    /// Something changed: due() follows a second after the last call.
    void schedule();
    void write(const server::ComposerRequest& request) const;
    /// The request in the editor is saved: it is its own file.
    void remove() const;
    /// The draft, or nothing when there is none (or it is unreadable: it is
    /// scratch, not worth an error).
    std::optional<server::SavedRequest> read() const;

Q_SIGNALS:
    void due();

private:
    QString path() const;

    const WorkspaceDocument* m_document;
    QTimer* m_timer;
};

} // namespace tollgate::ui
