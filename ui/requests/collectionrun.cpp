#include "ui/requests/collectionrun.h"

#include <QMetaObject>

#include <mutex>
#include <utility>

namespace tollgate::ui {

// Closed when the object goes: from then on the thread posts nothing, and
// what it posted before is dropped with the object (Qt removes a deleted
// receiver's posted events).
struct CollectionRun::Gate {
    std::mutex mutex;
    bool open = true;
};

CollectionRun::CollectionRun(QObject* parent)
    : QObject(parent)
    , m_gate(std::make_shared<Gate>())
{
}

CollectionRun::~CollectionRun()
{
    {
        const std::lock_guard lock(m_gate->mutex);
        m_gate->open = false;
    }
    // ~jthread asks the run to stop (which cancels its request) and joins.
}

bool CollectionRun::start(server::RunPlan plan)
{
    if (m_running)
        return false;
    if (m_thread.joinable())
        m_thread.join(); // the last run's thread has posted its end already
    m_running = true;
    m_thread = std::jthread([this, gate = m_gate, plan = std::move(plan)](std::stop_token stop) {
        auto post = [this, &gate](auto&& emitter) {
            const std::lock_guard lock(gate->mutex);
            if (gate->open)
                QMetaObject::invokeMethod(
                    this, std::forward<decltype(emitter)>(emitter), Qt::QueuedConnection);
        };
        server::RunResult result = server::runCollection(
            plan,
            [&](const server::RequestRun& run) { post([this, run] { Q_EMIT requestDone(run); }); },
            stop);
        post([this, result = std::move(result)] {
            m_running = false;
            Q_EMIT finished(result);
        });
    });
    return true;
}

void CollectionRun::stop()
{
    if (m_running)
        m_thread.request_stop();
}

} // namespace tollgate::ui
