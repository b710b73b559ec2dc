#include "ui/requests/composerdraft.h"

#include "server/common/files.h"
#include "server/composer/requeststore.h"
#include "server/workspace/workspacestore.h"
#include "ui/common/convert.h"
#include "ui/common/logging.h"
#include "ui/document/workspacedocument.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimer>

namespace tollgate::ui {

ComposerDraft::ComposerDraft(const WorkspaceDocument* document, QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &ComposerDraft::due);
}

ComposerDraft::~ComposerDraft() = default;

QString ComposerDraft::path() const
{
    return m_document->directory() + QStringLiteral("/.tollgate/draft.json");
}

void ComposerDraft::schedule()
{
    m_timer->start();
}

void ComposerDraft::write(const server::ComposerRequest& request) const
{
    if (!m_document->isOpen())
        return;
    server::SavedRequest draft;
    draft.name = "draft";
    draft.request = request;
    // Not into a .tollgate/ that holds links (a cloned workspace may ship one).
    if (!server::stateFolderProblem(pathFromQt(m_document->directory())).empty())
        return;
    const QString file = path();
    QDir().mkpath(QFileInfo(file).absolutePath());
    std::string error;
    // Scratch: a full disk costs the draft, never what the editor holds.
    if (!server::writeFileAtomic(pathFromQt(file), server::savedRequestToJson(draft), &error))
        qCWarning(lcUi, "cannot keep the draft: %s", error.c_str());
}

void ComposerDraft::remove() const
{
    if (m_document->isOpen())
        QFile::remove(path());
}

std::optional<server::SavedRequest> ComposerDraft::read() const
{
    QFile file(path());
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    server::SavedRequest draft;
    server::Diagnostic problem;
    if (!server::savedRequestFromJson(file.readAll().toStdString(), "draft.json", &draft, &problem))
        return std::nullopt;
    draft.name.clear();
    return draft;
}

} // namespace tollgate::ui
