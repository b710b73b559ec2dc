// File ▸ Export: for each format the preview lists what Export writes and
// writes nothing; Export writes exactly that; Cancel writes nothing; a
// destination that cannot be written shows why and leaves nothing behind.

#include "testutil.h"

#include "server/composer/history.h"
#include "ui/common/settings.h"
#include "ui/document/workspacedocument.h"
#include "ui/shell/exportdialog.h"
#include "ui/shell/interchangeactions.h"
#include "ui/shell/trafficlogmodel.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <functional>
#include <map>
#include <memory>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

bool writeText(const QString& path, const QByteArray& text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

/// The preview's rows: name -> (size shown in bytes, state).
std::map<QString, std::pair<qint64, QString>> previewRows(const ExportDialog& dialog)
{
    std::map<QString, std::pair<qint64, QString>> rows;
    auto* list = test::child<QTreeWidget>(&dialog, "exportFiles");
    for (int row = 0; list && row < list->topLevelItemCount(); ++row) {
        const QTreeWidgetItem* item = list->topLevelItem(row);
        rows[item->text(0)] = { item->data(1, Qt::UserRole).toLongLong(), item->text(2) };
    }
    return rows;
}

QJsonObject parseObject(const QByteArray& text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

server::TrafficEvent trafficEvent(const char* method, const char* target, int status)
{
    server::TrafficEvent e;
    e.time = std::chrono::system_clock::time_point(std::chrono::milliseconds(1'796'000'000'250));
    e.method = method;
    e.target = target;
    e.status = status;
    e.latencyUs = 2500;
    e.bytesOut = status == 0 ? 0 : 321;
    e.requestId = "req-1";
    e.keyId = "key_abc";
    return e;
}

} // namespace

class TestExportDialog : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<WorkspaceDocument> m_doc;
    std::unique_ptr<TrafficLogModel> m_traffic;

    QString workspaceDir() const { return m_dir->filePath(QStringLiteral("ws")); }
    QString outDir() const { return m_dir->filePath(QStringLiteral("out")); }

    static void addFormats()
    {
        QTest::addColumn<ExportDialog::Format>("format");
        QTest::addColumn<QString>("name");
        QTest::newRow("openapi") << ExportDialog::OpenApi << QStringLiteral("api.json");
        QTest::newRow("fastapi") << ExportDialog::FastApi << QStringLiteral("project");
        QTest::newRow("history-har") << ExportDialog::HistoryHar << QStringLiteral("history.har");
        QTest::newRow("traffic-har") << ExportDialog::TrafficHar << QStringLiteral("traffic.har");
    }

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void init()
    {
        settings::lastExportFolder().remove();
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QVERIFY(QDir().mkpath(outDir()));
        m_doc = std::make_unique<WorkspaceDocument>();
        m_doc->setAutosaveDelay(60'000);
        QString error;
        QVERIFY2(m_doc->create(workspaceDir(), QStringLiteral("Export Test"), &error),
            qPrintable(error));
        m_doc->insertRoute(0, m_doc->makeNewRoute(), QStringLiteral("x"));

        server::HistoryEntry sent;
        sent.timeMs = 1'796'000'000'123;
        sent.request.method = "GET";
        sent.request.url = "{{baseUrl}}/new-route?page=2";
        sent.status = 200;
        sent.totalMs = 12;
        std::string writeError;
        QVERIFY2(server::HistoryLog(m_doc->workspace().dir / ".tollgate" / "history.jsonl")
                     .append(sent, &writeError),
            writeError.c_str());

        m_traffic = std::make_unique<TrafficLogModel>();
        m_traffic->append({ trafficEvent("GET", "/new-route?page=2&q=a%20b", 200),
            trafficEvent("POST", "/orders", 0) });
    }

    void cleanup()
    {
        m_traffic.reset();
        m_doc.reset();
        m_dir.reset();
    }

    void opensBesideTheWorkspaceNamedAfterIt()
    {
        ExportDialog dialog(m_doc.get(), m_traffic.get());
        QCOMPARE(dialog.format(), ExportDialog::OpenApi);
        QCOMPARE(dialog.destination(), m_dir->filePath(QStringLiteral("export-test.openapi.json")));
        // Another format keeps the folder and takes its own name.
        QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("elsewhere"))));
        dialog.setDestination(m_dir->filePath(QStringLiteral("elsewhere/mine.json")));
        dialog.setFormat(ExportDialog::FastApi);
        QCOMPARE(
            dialog.destination(), m_dir->filePath(QStringLiteral("elsewhere/export-test-fastapi")));
        dialog.setFormat(ExportDialog::TrafficHar);
        QCOMPARE(dialog.destination(),
            m_dir->filePath(QStringLiteral("elsewhere/export-test-traffic.har")));
        // Choosing in the box is the same.
        auto* combo = test::child<QComboBox>(&dialog, "exportFormatCombo");
        combo->setCurrentIndex(combo->findData(ExportDialog::HistoryHar));
        Q_EMIT combo->activated(combo->currentIndex());
        QCOMPARE(dialog.format(), ExportDialog::HistoryHar);
        QCOMPARE(dialog.destination(),
            m_dir->filePath(QStringLiteral("elsewhere/export-test-history.har")));
        // "~" is the home folder, as the field shows it.
        auto* field = test::child<QLineEdit>(&dialog, "exportDestination");
        field->setText(QStringLiteral("~/x.har"));
        QCOMPARE(dialog.destination(), QDir::home().filePath(QStringLiteral("x.har")));
    }

    void previewThenExportWritesWhatWasListed_data() { addFormats(); }
    void previewThenExportWritesWhatWasListed()
    {
        QFETCH(ExportDialog::Format, format);
        QFETCH(QString, name);
        ExportDialog dialog(m_doc.get(), m_traffic.get());
        dialog.setFormat(format);
        const QString target = QDir(outDir()).filePath(name);
        dialog.setDestination(target);
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
        QVERIFY(test::child<QAbstractButton>(&dialog, "exportButton")->isEnabled());
        QVERIFY(!test::child<QLabel>(&dialog, "exportWarning")->isVisibleTo(&dialog));

        const auto rows = previewRows(dialog);
        if (format == ExportDialog::FastApi) {
            QVERIFY(rows.count(QStringLiteral("main.py")));
            QVERIFY(rows.count(QStringLiteral("requirements.txt")));
            QVERIFY(rows.count(QStringLiteral("README.md")));
        } else {
            QCOMPARE(rows.size(), std::size_t(1));
            QCOMPARE(rows.begin()->first, name);
        }
        for (const auto& [file, row] : rows) {
            QVERIFY2(row.first > 0, qPrintable(file));
            QCOMPARE(row.second, QStringLiteral("new"));
        }
        QVERIFY(test::child<QGroupBox>(&dialog, "exportFilesBox")
                    ->title()
                    .contains(QStringLiteral("out")));
        // The export's notes are listed; the traffic log's always say what
        // the log does not keep.
        QCOMPARE(test::child<QTreeWidget>(&dialog, "exportNotes")->topLevelItemCount(),
            int(dialog.notes().size()));
        if (format == ExportDialog::TrafficHar) {
            QCOMPARE(dialog.notes().size(), std::size_t(2)); // the reset is counted too
            QVERIFY(test::child<QTreeWidget>(&dialog, "exportNotes")->isVisibleTo(&dialog));
        }
        // A preview writes nothing.
        QVERIFY(test::fileTree(outDir()).empty());

        QVERIFY2(dialog.exportNow(), qPrintable(dialog.problem()));
        // Exactly the files listed, each the size listed.
        const auto written = test::fileTree(outDir());
        QCOMPARE(written.size(), rows.size() + (format == ExportDialog::FastApi ? 1 : 0));
        for (const auto& [file, row] : rows) {
            const QString path
                = format == ExportDialog::FastApi ? name + QLatin1Char('/') + file : file;
            QVERIFY2(written.count(path), qPrintable(path));
            QCOMPARE(qint64(written.at(path).size()), row.first);
        }
        QCOMPARE(settings::lastExportFolder().read(), outDir());
        QVERIFY2(
            dialog.summary().startsWith(QStringLiteral("Exported ")), qPrintable(dialog.summary()));

        if (format == ExportDialog::FastApi) {
            QVERIFY(test::readAll(QDir(target).filePath(QStringLiteral("main.py")))
                        .contains("/new-route"));
            QVERIFY(test::readAll(QDir(target).filePath(QStringLiteral("requirements.txt")))
                        .contains("fastapi"));
            return;
        }
        const QJsonObject doc = parseObject(test::readAll(target));
        if (format == ExportDialog::OpenApi) {
            QCOMPARE(doc.value(QStringLiteral("openapi")).toString(), QStringLiteral("3.1.0"));
            QVERIFY(doc.value(QStringLiteral("paths"))
                        .toObject()
                        .contains(QStringLiteral("/new-route")));
            return;
        }
        const QJsonObject log = doc.value(QStringLiteral("log")).toObject();
        QCOMPARE(log.value(QStringLiteral("version")).toString(), QStringLiteral("1.2"));
        const QJsonArray entries = log.value(QStringLiteral("entries")).toArray();
        const QJsonObject first = entries.at(0).toObject();
        const QJsonObject request = first.value(QStringLiteral("request")).toObject();
        QCOMPARE(request.value(QStringLiteral("queryString"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("value"))
                     .toString(),
            QStringLiteral("2"));
        if (format == ExportDialog::HistoryHar) {
            QCOMPARE(entries.size(), 1);
            QCOMPARE(request.value(QStringLiteral("url")).toString(),
                QStringLiteral("http://127.0.0.1:8080/new-route?page=2"));
            return;
        }
        QCOMPARE(entries.size(), 2);
        QCOMPARE(request.value(QStringLiteral("url")).toString(),
            QStringLiteral("http://127.0.0.1:8080/new-route?page=2&q=a%20b"));
        QCOMPARE(request.value(QStringLiteral("queryString"))
                     .toArray()
                     .at(1)
                     .toObject()
                     .value(QStringLiteral("value"))
                     .toString(),
            QStringLiteral("a b"));
        const QJsonObject reset
            = entries.at(1).toObject().value(QStringLiteral("response")).toObject();
        QCOMPARE(reset.value(QStringLiteral("status")).toInt(-1), 0);
        QVERIFY(!reset.value(QStringLiteral("_error")).toString().isEmpty());
        QVERIFY(entries.at(1)
                    .toObject()
                    .value(QStringLiteral("comment"))
                    .toString()
                    .contains(QStringLiteral("key_abc")));
    }

    void cancelWritesNothing_data() { addFormats(); }
    void cancelWritesNothing()
    {
        QFETCH(ExportDialog::Format, format);
        QFETCH(QString, name);
        ExportDialog dialog(m_doc.get(), m_traffic.get());
        dialog.setFormat(format);
        dialog.setDestination(QDir(outDir()).filePath(name));
        dialog.show();
        QSignalSpy rejected(&dialog, &QDialog::rejected);
        QTest::mouseClick(
            test::child<QAbstractButton>(&dialog, "exportCancelButton"), Qt::LeftButton);
        QCOMPARE(rejected.count(), 1);
        QVERIFY(!dialog.isVisible());
        QVERIFY(test::fileTree(outDir()).empty());
        QVERIFY(settings::lastExportFolder().read().isEmpty());
    }

    void unwritableDestinationShowsWhyAndWritesNothing_data() { addFormats(); }
    void unwritableDestinationShowsWhyAndWritesNothing()
    {
        QFETCH(ExportDialog::Format, format);
        QFETCH(QString, name);
        // A file where a folder would have to be: nothing can be made below it.
        const QString blocker = QDir(outDir()).filePath(QStringLiteral("blocker"));
        QVERIFY(writeText(blocker, "a file"));
        const auto before = test::fileTree(outDir());

        ExportDialog dialog(m_doc.get(), m_traffic.get());
        dialog.setFormat(format);
        dialog.setDestination(QDir(blocker).filePath(QStringLiteral("below/") + name));
        QVERIFY(!dialog.exportNow());
        auto* error = test::child<QLabel>(&dialog, "exportError");
        QVERIFY(error->isVisibleTo(&dialog));
        QVERIFY2(error->text().startsWith(QStringLiteral("Nothing was written: ")),
            qPrintable(error->text()));
        QCOMPARE(dialog.problem(), error->text());
        QVERIFY(test::fileTree(outDir()) == before);
        QVERIFY(dialog.summary().isEmpty());

        // A file where the project's folder would be, or a folder where the
        // file would be: said in the preview, and Export stays off.
        dialog.setDestination(format == ExportDialog::FastApi ? blocker : outDir());
        QVERIFY(!dialog.problem().isEmpty());
        QVERIFY(error->isVisibleTo(&dialog));
        QVERIFY(!test::child<QAbstractButton>(&dialog, "exportButton")->isEnabled());
        QVERIFY(!dialog.exportNow());
        QVERIFY(test::fileTree(outDir()) == before);
    }

    void replacingAFileIsSaidFirst()
    {
        const QString target = QDir(outDir()).filePath(QStringLiteral("api.json"));
        QVERIFY(writeText(target, "old"));
        ExportDialog dialog(m_doc.get(), m_traffic.get());
        dialog.setDestination(target);
        auto* warning = test::child<QLabel>(&dialog, "exportWarning");
        QVERIFY(warning->isVisibleTo(&dialog));
        QVERIFY2(warning->text().contains(QStringLiteral("will be replaced")),
            qPrintable(warning->text()));
        QCOMPARE(previewRows(dialog).at(QStringLiteral("api.json")).second,
            QStringLiteral("replaces the existing file"));
        QCOMPARE(test::readAll(target), QByteArray("old"));
        QVERIFY(dialog.exportNow());
        QVERIFY(test::readAll(target).startsWith("{"));
    }

    void fastApiIntoAFolderThatIsNotEmpty()
    {
        // As tollgated export does: the project's files replace files of the
        // same name; the rest of the folder stays.
        const QString target = QDir(outDir()).filePath(QStringLiteral("project"));
        QVERIFY(QDir().mkpath(target));
        QVERIFY(writeText(QDir(target).filePath(QStringLiteral("README.md")), "old readme"));
        QVERIFY(writeText(QDir(target).filePath(QStringLiteral("notes.txt")), "mine"));
        ExportDialog dialog(m_doc.get(), m_traffic.get());
        dialog.setFormat(ExportDialog::FastApi);
        dialog.setDestination(target);
        auto* warning = test::child<QLabel>(&dialog, "exportWarning");
        QVERIFY(warning->isVisibleTo(&dialog));
        QVERIFY2(
            warning->text().contains(QStringLiteral("is not empty")), qPrintable(warning->text()));
        const auto rows = previewRows(dialog);
        QCOMPARE(rows.at(QStringLiteral("README.md")).second,
            QStringLiteral("replaces the existing file"));
        QCOMPARE(rows.at(QStringLiteral("main.py")).second, QStringLiteral("new"));
        QVERIFY(test::child<QAbstractButton>(&dialog, "exportButton")->isEnabled());

        QVERIFY(dialog.exportNow());
        QVERIFY(
            test::readAll(QDir(target).filePath(QStringLiteral("README.md"))).contains("uvicorn"));
        QCOMPARE(
            test::readAll(QDir(target).filePath(QStringLiteral("notes.txt"))), QByteArray("mine"));
    }

    void fastApiFailingHalfwayPutsTheFolderBack()
    {
        // A folder in the way of the project's requirements.txt: the files
        // written before it are taken back, the replaced one restored.
        const QString target = QDir(outDir()).filePath(QStringLiteral("project"));
        QVERIFY(QDir().mkpath(QDir(target).filePath(QStringLiteral("requirements.txt/inside"))));
        QVERIFY(writeText(QDir(target).filePath(QStringLiteral("keys.json")), "old keys"));
        const auto before = test::fileTree(outDir());
        ExportDialog dialog(m_doc.get(), m_traffic.get());
        dialog.setFormat(ExportDialog::FastApi);
        dialog.setDestination(target);
        QCOMPARE(previewRows(dialog).at(QStringLiteral("keys.json")).second,
            QStringLiteral("replaces the existing file"));
        QVERIFY(!dialog.exportNow());
        QVERIFY(test::child<QLabel>(&dialog, "exportError")->isVisibleTo(&dialog));
        QVERIFY(test::fileTree(outDir()) == before);
    }

    void fileMenuExportOpensThePreviewAndReportsWhatWasWritten()
    {
        std::unique_ptr<LocalEngine> engine;
        std::unique_ptr<MainWindow> window;
        test::makeWindow(engine, window);
        InterchangeActions* actions = window->interchange();
        QAction* exportAction = actions->exportAction();
        QVERIFY(!exportAction->isEnabled());
        const QKeySequence shortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_E);
        QCOMPARE(exportAction->shortcut(), shortcut);
        // No other action of the window has that shortcut.
        for (const QAction* other : window->findChildren<QAction*>())
            QVERIFY2(other == exportAction || !other->shortcuts().contains(shortcut),
                qPrintable(other->text()));
        const QString dir = workspaceDir();
        m_doc.reset();
        QVERIFY(window->openWorkspace(dir));
        QVERIFY(exportAction->isEnabled());

        const QString target = QDir(outDir()).filePath(QStringLiteral("from-menu.json"));
        QSignalSpy message(actions, &InterchangeActions::message);
        bool seen = false;
        // The dialog is modal: answer it once it is up.
        std::function<void()> answer = [&] {
            auto* dialog = qobject_cast<ExportDialog*>(QApplication::activeModalWidget());
            if (!dialog) {
                QTimer::singleShot(10, actions, answer);
                return;
            }
            seen = true;
            dialog->setDestination(target);
            dialog->accept();
        };
        QTimer::singleShot(0, actions, answer);
        exportAction->trigger();
        QVERIFY(seen);
        QCOMPARE(message.count(), 1);
        const QString text = message.first().first().toString();
        QVERIFY2(text.startsWith(QStringLiteral("Exported OpenAPI 3.1"))
                && text.contains(QStringLiteral("from-menu.json")),
            qPrintable(text));
        QVERIFY(parseObject(test::readAll(target)).contains(QStringLiteral("openapi")));
    }
};

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
