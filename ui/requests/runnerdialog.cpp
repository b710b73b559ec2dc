#include "ui/requests/runnerdialog.h"

#include "server/checks/answerschemas.h"
#include "server/checks/runreport.h"
#include "server/common/files.h"
#include "server/composer/requeststore.h"
#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/common/httpstatus.h"
#include "ui/common/secretstore.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/localtls.h"
#include "ui/engine/servercontroller.h"
#include "ui/requests/collectionrun.h"
#include "ui/requests/prettybody.h"
#include "ui/requests/runresultmodel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QSysInfo>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>
#include <map>
#include <memory>
#include <utility>

namespace tollgate::ui {

namespace {

// Keeps a read-only detail pane from growing without end on a large answer.
constexpr qsizetype kShownBodyChars = 64 * 1024;

QString seconds(double ms)
{
    return ms < 1000 ? RunnerDialog::tr("%1 ms").arg(qRound64(ms))
                     : RunnerDialog::tr("%1 s").arg(ms / 1000, 0, 'f', 1);
}

} // namespace

RunnerDialog::RunnerDialog(
    WorkspaceDocument* document, ServerController* server, SecretStore* secrets, QWidget* parent)
    : QDialog(parent, Qt::Window)
    , m_document(document)
    , m_server(server)
    , m_secrets(secrets)
    , m_run(new CollectionRun(this))
    , m_results(new RunResultModel(this))
{
    setObjectName(QStringLiteral("runnerDialog"));
    setWindowTitle(tr("Run Requests"));
    resize(1100, 680);

    m_status = new QLabel(tr("Choose what to run, then Run."), this);
    m_status->setObjectName(QStringLiteral("runnerStatus"));
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("runnerProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->hide();

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("runnerResults"));
    m_view->setModel(m_results);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAccessibleName(tr("Run results"));
    QHeaderView* header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(RunResultModel::NameColumn, QHeaderView::Stretch);
    header->resizeSection(RunResultModel::ResultColumn, 130);
    header->resizeSection(RunResultModel::ExpectedColumn, 130);
    header->resizeSection(RunResultModel::ActualColumn, 170);
    header->resizeSection(RunResultModel::TimeColumn, 70);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &RunnerDialog::showDetails);

    m_details = new QPlainTextEdit(this);
    m_details->setObjectName(QStringLiteral("runnerDetails"));
    m_details->setReadOnly(true);
    m_details->setFont(monospaceFont());
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_details->setPlaceholderText(tr("Select a request or a check to see it in full."));
    m_details->setAccessibleName(tr("Details of the selected result"));

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_view);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    m_saveJunit = new QPushButton(tr("Save JUnit XML…"), this);
    m_saveJunit->setObjectName(QStringLiteral("runnerSaveJunit"));
    m_saveJson = new QPushButton(tr("Save JSON…"), this);
    m_saveJson->setObjectName(QStringLiteral("runnerSaveJson"));
    connect(m_saveJunit, &QPushButton::clicked, this, [this] { save(true); });
    connect(m_saveJson, &QPushButton::clicked, this, [this] { save(false); });
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_saveJunit, QDialogButtonBox::ActionRole);
    buttons->addButton(m_saveJson, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildSettings());
    layout->addWidget(m_problem);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);

    connect(m_run, &CollectionRun::requestDone, this, &RunnerDialog::onRequestDone);
    connect(m_run, &CollectionRun::finished, this, &RunnerDialog::onFinished);
    // A run waiting for the embedded server goes once it is up.
    connect(m_server, &ServerController::started, this, [this] {
        if (auto plan = std::exchange(m_waiting, std::nullopt))
            launch(std::move(*plan));
    });
    connect(m_server, &ServerController::startFailed, this, [this](const QString& error) {
        if (!m_waiting)
            return;
        m_waiting.reset();
        showProblem(tr("The server did not start: %1").arg(error));
        updateState();
    });
    updateState();
}

RunnerDialog::~RunnerDialog() = default;

QWidget* RunnerDialog::buildSettings()
{
    auto* box = new QWidget(this);
    m_folder = new QComboBox(box);
    m_folder->setObjectName(QStringLiteral("runnerFolder"));
    m_environmentCombo = new QComboBox(box);
    m_environmentCombo->setObjectName(QStringLiteral("runnerEnvironment"));
    m_iterations = new QSpinBox(box);
    m_iterations->setObjectName(QStringLiteral("runnerIterations"));
    m_iterations->setRange(0, 1'000'000);
    m_iterations->setSpecialValueText(tr("Auto"));
    m_iterations->setToolTip(
        tr("Auto: one iteration per row of the data file, or one without a data file"));
    m_dataFile = new QLineEdit(box);
    m_dataFile->setObjectName(QStringLiteral("runnerDataFile"));
    m_dataFile->setPlaceholderText(
        tr("none (CSV with a header row, or a JSON array of objects; relative to the workspace)"));
    m_dataFile->setClearButtonEnabled(true);
    auto* browse = new QToolButton(box);
    browse->setText(tr("Browse…"));
    browse->setAccessibleName(tr("Choose a data file"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Data File"),
            m_dataFile->text().isEmpty() ? m_document->directory() : m_dataFile->text(),
            tr("Data files (*.csv *.json);;All files (*)"));
        if (file.isEmpty())
            return;
        // Inside the workspace it is named relative to it, so a run's
        // settings mean the same in a clone elsewhere.
        const QString relative = QDir(m_document->directory()).relativeFilePath(file);
        m_dataFile->setText(
            QDir::toNativeSeparators(relative.startsWith(QLatin1String("..")) ? file : relative));
    });
    m_stopOnFailure = new QCheckBox(tr("Stop at the first failure"), box);
    m_stopOnFailure->setObjectName(QStringLiteral("runnerStopOnFailure"));

    m_runButton
        = new QPushButton(QIcon::fromTheme(QStringLiteral("media-playback-start")), tr("Run"), box);
    m_runButton->setObjectName(QStringLiteral("runnerRun"));
    m_runButton->setDefault(true);
    m_runButton->setToolTip(tr("Run the requests (Ctrl+Return)"));
    m_stopButton
        = new QPushButton(QIcon::fromTheme(QStringLiteral("media-playback-stop")), tr("Stop"), box);
    m_stopButton->setObjectName(QStringLiteral("runnerStop"));
    connect(m_runButton, &QPushButton::clicked, this, &RunnerDialog::run);
    connect(m_stopButton, &QPushButton::clicked, this, &RunnerDialog::stop);
    for (const QKeyCombination key : { Qt::CTRL | Qt::Key_Return, Qt::CTRL | Qt::Key_Enter }) {
        auto* shortcut = new QAction(this);
        shortcut->setShortcut(key);
        connect(shortcut, &QAction::triggered, this, [this] {
            if (!isRunning())
                run();
        });
        addAction(shortcut);
    }

    auto* data = new QHBoxLayout;
    data->addWidget(m_dataFile, 1);
    data->addWidget(browse);
    auto* left = new QFormLayout;
    left->addRow(tr("&Requests:"), m_folder);
    left->addRow(tr("&Environment:"), m_environmentCombo);
    auto* right = new QFormLayout;
    right->addRow(tr("&Iterations:"), m_iterations);
    auto* dataLabel = new QLabel(tr("&Data file:"), box);
    dataLabel->setBuddy(m_dataFile);
    right->addRow(dataLabel, data);
    auto* actions = new QVBoxLayout;
    actions->addWidget(m_runButton);
    actions->addWidget(m_stopButton);
    actions->addStretch(1);
    auto* row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    row->addLayout(left, 2);
    row->addSpacing(12);
    auto* middle = new QVBoxLayout;
    middle->addLayout(right);
    middle->addWidget(m_stopOnFailure);
    row->addLayout(middle, 3);
    row->addSpacing(12);
    row->addLayout(actions);
    return box;
}

void RunnerDialog::prepare(const QString& folder, const QString& environment)
{
    const server::RequestLoadResult loaded
        = server::loadRequests(pathFromQt(m_document->directory()));
    m_saved = loaded.requests;
    m_folder->clear();
    m_folder->addItem(tr("All saved requests (%1)").arg(m_saved.size()), QString());
    for (const std::string& f : loaded.folders) {
        const auto n = server::requestsInFolder(m_saved, f).size();
        if (n > 0)
            m_folder->addItem(tr("%1 (%2)").arg(toQt(f)).arg(n), toQt(f));
    }
    const int at = m_folder->findData(folder);
    m_folder->setCurrentIndex(at >= 0 ? at : 0);
    m_environmentCombo->clear();
    for (const server::Environment& e : m_document->environments())
        m_environmentCombo->addItem(toQt(e.name));
    if (m_environmentCombo->count() == 0)
        m_environmentCombo->addItem(tr("(no environment)"));
    const int env = m_environmentCombo->findText(environment);
    m_environmentCombo->setCurrentIndex(env >= 0 ? env : 0);
    if (!loaded.errors.empty())
        showProblem(tr("%n saved request(s) do not load and are left out: %1", nullptr,
            int(loaded.errors.size()))
                        .arg(toQt(loaded.errors.front().toString())));
    else
        m_problem->hide();
    updateState();
}

bool RunnerDialog::makePlan(server::RunPlan* plan, QString* problem) const
{
    const QString folder = m_folder->currentData().toString();
    plan->requests = server::requestsInFolder(m_saved, toStd(folder));
    for (const server::Environment& e : m_document->environments())
        if (toQt(e.name) == m_environmentCombo->currentText())
            plan->environment = e;
    plan->iterations = m_iterations->value();
    plan->stopOnFailure = m_stopOnFailure->isChecked();
    // A relative data file is the workspace's, as the saved requests' body files are.
    const QString typed = m_dataFile->text().trimmed();
    const QString data
        = typed.isEmpty() ? typed : QDir(m_document->directory()).absoluteFilePath(typed);
    std::string error;
    if (!data.isEmpty() && !server::readDataFile(pathFromQt(data), &plan->data, &error)) {
        *problem = toQt(error);
        return false;
    }
    // A copy: the run's thread must not read the store the GUI changes.
    std::map<std::string, std::string> secrets;
    for (auto it = m_secrets->secrets().begin(); it != m_secrets->secrets().end(); ++it)
        secrets[toStd(it.key())] = toStd(it.value());
    plan->keySecret = [secrets](const std::string& id) -> std::optional<std::string> {
        auto it = secrets.find(id);
        return it == secrets.end() ? std::nullopt : std::optional(it->second);
    };
    plan->client.baseDir = pathFromQt(m_document->directory());
    const QString ca = m_server->localTls()->authorityFile();
    if (QFileInfo::exists(ca))
        plan->client.caFile = toStd(ca);
    *problem = toQt(server::runPlanProblem(*plan));
    return problem->isEmpty();
}

bool RunnerDialog::run()
{
    if (isRunning())
        return false;
    // What is saved now: a request saved since the window opened runs as saved.
    m_saved = server::loadRequests(pathFromQt(m_document->directory())).requests;
    server::RunPlan plan;
    QString problem;
    if (!makePlan(&plan, &problem)) {
        showProblem(problem);
        return false;
    }
    m_problem->hide();
    m_scope = m_folder->currentData().toString();
    m_environment = m_environmentCombo->currentText();
    m_planned = int(plan.requests.size())
        * (plan.iterations > 0 ? plan.iterations : std::max(1, int(plan.data.size())));
    if (!m_server->isRunning()) {
        // The saved requests mostly call this workspace's own routes.
        m_waiting = std::move(plan);
        m_status->setText(tr("Starting the server…"));
        m_server->start();
        updateState();
        return true;
    }
    launch(std::move(plan));
    return true;
}

void RunnerDialog::launch(server::RunPlan plan)
{
    // Read now: a server started for the run may listen on another port.
    plan.builtins = { { "baseUrl", toStd(m_server->expectedBaseUrl()) } };
    // The run's thread reads its own copy of the routes' answer schemas.
    auto schemas = std::make_shared<const server::AnswerSchemas>(
        m_document->workspace().routes, plan.builtins.front().second);
    plan.answerSchema = [schemas](const server::ComposerRequest& request, int status) {
        return schemas->find(request, status);
    };
    m_results->reset(plan.iterations > 0 ? plan.iterations : std::max(1, int(plan.data.size())));
    m_details->clear();
    m_status->setPalette(palette());
    m_run->start(std::move(plan));
    m_status->setText(tr("Running: 0 of %1 requests…").arg(m_planned));
    updateState();
}

void RunnerDialog::stop()
{
    if (m_waiting) {
        m_waiting.reset();
        m_status->setText(tr("Not run."));
    }
    m_run->stop();
    updateState();
}

bool RunnerDialog::isRunning() const
{
    return m_run->isRunning() || m_waiting.has_value();
}

void RunnerDialog::onRequestDone(const server::RequestRun& run)
{
    const QModelIndex index = m_results->append(run);
    // Failures open so their failing check shows without a click.
    if (!run.passed()) {
        m_view->expand(index.parent());
        m_view->expand(index);
    }
    m_view->scrollTo(index);
    m_status->setText(
        tr("Running: %1 of %2 requests…").arg(m_results->runs().size()).arg(m_planned));
}

void RunnerDialog::onFinished(const server::RunResult& result)
{
    m_last = result;
    const int requests = int(result.requests.size());
    const int assertions = result.assertionCount();
    QString text = result.passed()
        ? tr("✓ All %n request(s) passed", nullptr, requests)
        : tr("✗ %1 of %2 requests failed").arg(result.failedRequests()).arg(requests);
    text += tr(" · %1 of %2 assertions passed")
                .arg(assertions - result.failedAssertions())
                .arg(assertions);
    text += QStringLiteral(" · ") + seconds(result.totalMs);
    if (result.stoppedEarly)
        text += tr(" · stopped early");
    m_status->setText(text);
    QPalette palette = m_status->palette();
    palette.setColor(
        QPalette::WindowText, statusColor(result.passed() ? 200 : 500, QWidget::palette()));
    m_status->setPalette(palette);
    updateState();
    Q_EMIT runFinished(result);
}

void RunnerDialog::showDetails()
{
    const QModelIndex index = m_view->currentIndex();
    const int r = index.data(RunResultModel::RunRole).toInt();
    if (!index.isValid() || r < 0) {
        m_details->clear();
        return;
    }
    const server::RequestRun& run = m_results->runs()[std::size_t(r)];
    QString text = QStringLiteral("%1 %2\n").arg(toQt(run.method), toQt(run.url));
    const auto kind = RunResultModel::Kind(index.data(RunResultModel::KindRole).toInt());
    if (kind == RunResultModel::Kind::Assertion) {
        const auto& a
            = run.checks.assertions[std::size_t(index.data(RunResultModel::ItemRole).toInt())];
        text += QStringLiteral("\n%1\n\n").arg(toQt(a.description));
        text += tr("Expected: %1\nActual:   %2\n").arg(toQt(a.expected), toQt(a.actual));
        if (!a.passed)
            text += QStringLiteral("\n") + toQt(a.message) + QStringLiteral("\n");
    }
    if (!run.sent) {
        m_details->setPlainText(
            text + QStringLiteral("\n") + tr("No answer: %1").arg(toQt(run.error)));
        return;
    }
    text += QStringLiteral("\n%1 %2 · %3\n")
                .arg(run.answer.status)
                .arg(reasonPhrase(run.answer.status), seconds(run.answer.totalMs));
    QByteArray contentType;
    for (const server::Header& h : run.answer.headers) {
        text += QStringLiteral("%1: %2\n").arg(toQt(h.name), toQt(h.value));
        if (toQt(h.name).compare(QLatin1String("content-type"), Qt::CaseInsensitive) == 0)
            contentType = QByteArray::fromStdString(h.value);
    }
    const QByteArray body = QByteArray::fromStdString(run.answer.body);
    QString shown = contentType.contains("json") ? prettyJson(body)
        : contentType.contains("xml")            ? prettyXml(body)
                                                 : QString::fromUtf8(body);
    if (shown.size() > kShownBodyChars)
        shown = shown.left(kShownBodyChars) + QStringLiteral("\n…");
    if (!shown.isEmpty())
        text += QStringLiteral("\n") + shown;
    m_details->setPlainText(text);
}

void RunnerDialog::showProblem(const QString& problem)
{
    m_problem->setText(problem);
    applyBannerPalette(m_problem, Banner::Error, palette());
    m_problem->show();
}

void RunnerDialog::updateState()
{
    const bool running = isRunning();
    m_runButton->setEnabled(!running && m_folder->count() > 0 && !m_saved.empty());
    m_stopButton->setEnabled(running);
    for (QWidget* w : std::initializer_list<QWidget*> {
             m_folder, m_environmentCombo, m_iterations, m_dataFile, m_stopOnFailure })
        w->setEnabled(!running);
    m_saveJunit->setEnabled(!running && m_last.has_value());
    m_saveJson->setEnabled(!running && m_last.has_value());
    if (m_saved.empty() && !running)
        m_status->setText(tr("No saved requests yet: save one in the composer (Ctrl+S) first."));
}

server::RunReportInfo RunnerDialog::reportInfo() const
{
    server::RunReportInfo info;
    info.environment = toStd(m_environment);
    info.scope = m_scope.isEmpty() ? std::string("all saved requests") : "folder " + toStd(m_scope);
    info.hostname = toStd(QSysInfo::machineHostName());
    return info;
}

QString RunnerDialog::junitReport() const
{
    return m_last ? toQt(server::runToJunit(*m_last, reportInfo())) : QString();
}

QString RunnerDialog::jsonReport() const
{
    return m_last ? toQt(server::runToJson(*m_last, reportInfo())) : QString();
}

void RunnerDialog::save(bool junit)
{
    if (!m_last)
        return;
    const QString name = junit ? QStringLiteral("results.xml") : QStringLiteral("results.json");
    const QString file
        = QFileDialog::getSaveFileName(this, junit ? tr("Save JUnit XML") : tr("Save JSON Report"),
            QDir(m_document->directory()).filePath(name),
            junit ? tr("JUnit XML (*.xml)") : tr("JSON (*.json)"));
    if (file.isEmpty())
        return;
    std::string error;
    const QString text = junit ? junitReport() : jsonReport();
    if (!server::writeFileAtomic(pathFromQt(file), toStd(text), &error))
        showProblem(tr("Not saved: %1").arg(toQt(error)));
    else
        m_status->setText(tr("Saved %1").arg(QDir::toNativeSeparators(file)));
}

} // namespace tollgate::ui
