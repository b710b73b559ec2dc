// The collection runner's screenshot (--page runner): the demo's "users"
// folder run once per row of a small data file whose last user does not
// exist, so the picture shows passing iterations and a failing one with the
// failed check's expected and actual value.

#include "app/screenshot/screenshotdriver.h"

#include "ui/document/workspacedocument.h"
#include "ui/requests/composerpanel.h"
#include "ui/requests/runnerdialog.h"
#include "ui/requests/runresultmodel.h"
#include "ui/shell/mainwindow.h"

#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QTreeView>

namespace tollgate::app {

namespace {

constexpr int kRunnerSettleMs = 500;

} // namespace

void ScreenshotDriver::runRunner()
{
    if (driveRunner())
        return;
    grabAfter(kRunnerSettleMs);
}

bool ScreenshotDriver::driveRunner()
{
    ui::WorkspaceDocument* document = m_window->document();
    if (!document->isOpen())
        return false;
    // The demo's user routes want a key: one made here, its secret in the
    // Local environment's {{apiKey}}, as a user would set it.
    std::string keyId, secret;
    if (!addKey("pro", "ci", &keyId, &secret))
        return false;
    std::vector<server::Environment> environments = document->environments();
    if (environments.empty())
        return false;
    environments.front().variables.emplace_back("apiKey", secret);
    document->setEnvironments(environments, QStringLiteral("apiKey"));

    const QString data = QDir(document->directory()).filePath(QStringLiteral("users.csv"));
    QFile csv(data);
    if (!csv.open(QIODevice::WriteOnly) || csv.write("userId\n42\n7\n0\n") < 0)
        return false;
    csv.close();

    m_window->showPage(ui::MainWindow::RequestsPage);
    whenServing([this] {
        whenApplied([this] {
            ui::ComposerPanel* composer = m_window->composer();
            composer->openRunner(QStringLiteral("users"));
            ui::RunnerDialog* runner = composer->runner();
            m_subject = runner;
            runner->resize(1280, 720);
            runner->findChild<QLineEdit*>(QStringLiteral("runnerDataFile"))
                ->setText(QStringLiteral("users.csv"));
            connect(runner, &ui::RunnerDialog::runFinished, this, [this, runner] {
                // The failing request's status check, selected: its expected
                // and actual value beside the tree.
                auto* view = runner->findChild<QTreeView*>(QStringLiteral("runnerResults"));
                ui::RunResultModel* model = runner->results();
                for (int i = 0; i < model->rowCount(); ++i) {
                    const QModelIndex iteration = model->index(i, 0);
                    for (int r = 0; r < model->rowCount(iteration); ++r) {
                        const QModelIndex request = model->index(r, 0, iteration);
                        if (!request.data(ui::RunResultModel::PassedRole).toBool()
                            && model->rowCount(request) > 0) {
                            view->setCurrentIndex(model->index(0, 0, request));
                            break;
                        }
                    }
                }
                grabAfter(kRunnerSettleMs);
            });
            if (!runner->run())
                grabAfter(kRunnerSettleMs);
        });
    });
    return true;
}

} // namespace tollgate::app
