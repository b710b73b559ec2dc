#include "ui/requests/requesthistory.h"

#include "ui/common/convert.h"
#include "ui/requests/historymodel.h"

namespace tollgate::ui {

RequestHistory::RequestHistory(QObject* parent)
    : QObject(parent)
    , m_model(new HistoryModel(this))
{
}

RequestHistory::~RequestHistory() = default;

void RequestHistory::open(const QString& workspaceDir)
{
    m_log = std::make_unique<server::HistoryLog>(
        pathFromQt(workspaceDir + QStringLiteral("/.tollgate/history.jsonl")));
    m_model->setEntries(m_log->load());
}

void RequestHistory::append(server::HistoryEntry entry)
{
    if (m_log) {
        std::string error;
        if (!m_log->append(entry, &error))
            Q_EMIT message(tr("Could not write the history: %1").arg(toQt(error)));
    }
    m_model->add(std::move(entry));
}

void RequestHistory::clear()
{
    std::string error;
    if (m_log && !m_log->clear(&error))
        Q_EMIT message(tr("Could not clear the history: %1").arg(toQt(error)));
    m_model->clear();
}

} // namespace tollgate::ui
