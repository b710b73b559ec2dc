#pragma once

#include "server/checks/collectionrunner.h"

#include <QObject>

#include <memory>
#include <thread>

namespace tollgate::ui {

/// One collection run at a time on a thread of its own (runCollection
/// blocks): each request's outcome and then the whole result come back as
/// signals on the GUI thread, which never waits for the run. stop() ends it
/// at once, the request under way included; so does destroying the object,
/// which joins the thread only after that.
class CollectionRun final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CollectionRun)

public:
    explicit CollectionRun(QObject* parent = nullptr);
    ~CollectionRun() override;

    /// Starts running the plan; false (and nothing starts) while a run goes.
    bool start(server::RunPlan plan);
    void stop();
    /// From an accepted start() until finished() has been emitted.
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void requestDone(const server::RequestRun& run);
    void finished(const server::RunResult& result);

private:
    struct Gate;
    std::shared_ptr<Gate> m_gate;
    std::jthread m_thread;
    bool m_running = false;
};

} // namespace tollgate::ui
