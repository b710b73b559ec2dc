// Drives the Keys & Tiers page offscreen: a key is created, shown once,
// copied, saved as a hash only, rotated and revoked, and the running server
// refuses a revoked key on the very next request.

#include "testutil.h"

#include "server/access/apikey.h"
#include "server/workspace/workspacestore.h"
#include "ui/common/convert.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/servercontroller.h"
#include "ui/keys/createkeydialog.h"
#include "ui/keys/keyfilterproxy.h"
#include "ui/keys/keystierspanel.h"
#include "ui/keys/keytablemodel.h"
#include "ui/keys/keyusageview.h"
#include "ui/keys/newkeydialog.h"
#include "ui/keys/rotatekeydialog.h"
#include "ui/keys/tiertablemodel.h"
#include "ui/shell/mainwindow.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace tollgate;
using namespace tollgate::ui;
using tollgate::ui::test::child;

namespace {

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Every file of the workspace, concatenated.
QByteArray workspaceText(const QString& dir)
{
    QByteArray all;
    const QStringList files = QDir(dir).entryList(QDir::Files | QDir::Hidden);
    for (const QString& name : files)
        all += readFile(QDir(dir).filePath(name));
    const QDir routes(QDir(dir).filePath(QStringLiteral("routes")));
    for (const QString& name : routes.entryList(QDir::Files))
        all += readFile(routes.filePath(name));
    return all;
}

} // namespace

class TestKeysPanel : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalEngine> m_engine;
    std::unique_ptr<MainWindow> m_window;
    KeysTiersPanel* m_panel = nullptr;
    QNetworkAccessManager m_nam;

    // The dialog of this type the panel has open (dialogs delete themselves
    // on close, so a closed one is gone after the event loop ran).
    template <typename T> T* openDialog()
    {
        for (T* d : m_panel->findChildren<T*>()) {
            if (d->isVisible())
                return d;
        }
        return nullptr;
    }

    // Reads the shown key and closes its dialog, as a user does.
    QString takeShownKey()
    {
        NewKeyDialog* dialog = openDialog<NewKeyDialog>();
        if (!dialog)
            return {};
        auto* edit = child<QLineEdit>(dialog, "newKeyEdit");
        const QString key = edit->text();
        child<QPushButton>(dialog, "closeNewKeyButton")->click();
        return key;
    }

    int get(const QString& url, const QString& key)
    {
        QNetworkRequest request { QUrl(url) };
        if (!key.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + key.toLatin1());
        QNetworkReply* reply = m_nam.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(10'000))
            return -1;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        return status;
    }

    WorkspaceDocument* document() const { return m_window->document(); }

private Q_SLOTS:
    void initTestCase()
    {
        test::isolateSettings();
        m_nam.setProxy(QNetworkProxy::NoProxy);
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        server::Workspace ws;
        ws.name = "keys-panel";
        ws.dir = pathFromQt(m_dir->path());
        ws.server.port = 0;
        server::Route route;
        route.path = "/v1/secret";
        route.access.keyRequired = true;
        route.responses.front().body = "{}";
        ws.routes = { route };
        std::string error;
        QVERIFY2(server::saveWorkspace(ws, &error), error.c_str());

        test::makeWindow(m_engine, m_window);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->openWorkspace(m_dir->path()));
        m_panel = m_window->keysPanel();
        QVERIFY(m_panel);
    }

    void cleanup()
    {
        m_window.reset();
        m_engine.reset();
        m_dir.reset();
    }

    void switchesPagesWithShortcutsAndMenu()
    {
        QCOMPARE(m_window->currentPage(), MainWindow::RoutesPage);
        auto* showKeys = child<QAction>(m_window.get(), "showKeysAction");
        auto* showRoutes = child<QAction>(m_window.get(), "showRoutesAction");
        QVERIFY(showKeys && showRoutes);
        QCOMPARE(showKeys->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_2));
        QCOMPARE(showRoutes->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_1));
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(m_window->currentPage(), MainWindow::KeysPage);
        QVERIFY(m_panel->isVisible());
        QVERIFY(showKeys->isChecked());
        QTest::keyClick(m_window.get(), Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(m_window->currentPage(), MainWindow::RoutesPage);
        auto* keysMenu = child<QMenu>(m_window.get(), "keysMenu");
        QVERIFY(keysMenu);
        QVERIFY(keysMenu->actions().contains(m_panel->newKeyAction()));
        QVERIFY(keysMenu->actions().contains(m_panel->revokeKeyAction()));
    }

    void createsAKeyThroughTheDialogAndShowsItOnce()
    {
        m_window->showPage(MainWindow::KeysPage);
        QUndoStack* stack = document()->undoStack();
        QVERIFY(m_panel->newKeyAction()->isEnabled());
        m_panel->newKeyAction()->trigger();
        auto* create = openDialog<CreateKeyDialog>();
        QVERIFY(create);
        auto* tier = child<QComboBox>(create, "keyTierCombo");
        QCOMPARE(tier->count(), 3);
        tier->setCurrentIndex(tier->findData(QStringLiteral("pro")));
        QTest::keyClicks(child<QLineEdit>(create, "keyLabelEdit"), QStringLiteral("Mobile app"));
        QTest::keyClicks(
            child<QLineEdit>(create, "keyOwnerEdit"), QStringLiteral("acme@example.com"));
        // A bad scope keeps the dialog open and says why.
        QTest::keyClicks(child<QLineEdit>(create, "keyScopesEdit"), QStringLiteral("read all"));
        child<QPushButton>(create, "createKeyButton")->click();
        QVERIFY(create->isVisible());
        QVERIFY(child<QLabel>(create, "createKeyErrorLabel")->isVisibleTo(create));
        QCOMPARE(document()->keys().size(), std::size_t(0));
        child<QLineEdit>(create, "keyScopesEdit")->setText(QStringLiteral("read, generate"));
        child<QPushButton>(create, "createKeyButton")->click();

        // The key is shown once, read-only, with the warning.
        NewKeyDialog* shown = openDialog<NewKeyDialog>();
        QVERIFY(shown);
        auto* edit = child<QLineEdit>(shown, "newKeyEdit");
        QVERIFY(edit->isReadOnly());
        const QString secret = edit->text();
        QCOMPARE(server::checkKeyFormat(toStd(secret)), server::KeyFormat::Ok);
        QVERIFY(secret.startsWith(QStringLiteral("tg_dev_")));
        QVERIFY(child<QLabel>(shown, "newKeyWarningLabel")
                    ->text()
                    .contains(QStringLiteral("will not be shown again")));
        child<QPushButton>(shown, "copyKeyButton")->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), secret);

        // The record: metadata and the hash, selected in the table.
        QCOMPARE(document()->keys().size(), std::size_t(1));
        const server::ApiKey record = document()->keys().front();
        QCOMPARE(record.label, std::string("Mobile app"));
        QCOMPARE(record.owner, std::string("acme@example.com"));
        QCOMPARE(record.tier, std::string("pro"));
        QCOMPARE(record.scopes, (std::vector<std::string> { "read", "generate" }));
        QCOMPARE(record.hash, server::toHex(server::sha256(toStd(secret))));
        QCOMPARE(record.prefix, server::keyPrefix(toStd(secret)));
        QCOMPARE(m_panel->selectedKeyIds(), QStringList { toQt(record.id) });
        QCOMPARE(m_panel->usageView()->keyId(), toQt(record.id));
        QCOMPARE(m_panel->keyModel()->rowCount(), 1);
        QCOMPARE(stack->count(), 1);

        // Closing the dialog forgets the key.
        const QPointer<QLineEdit> guard(edit);
        child<QPushButton>(shown, "closeNewKeyButton")->click();
        QVERIFY(!guard || guard->text().isEmpty());
        QTRY_VERIFY(!openDialog<NewKeyDialog>());

        // On disk: the hash, never the key (nor its secret part).
        QVERIFY(document()->saveNow());
        const QByteArray keysJson
            = readFile(QDir(m_dir->path()).filePath(QStringLiteral("keys.json")));
        QVERIFY(keysJson.contains(QByteArray::fromStdString(record.hash)));
        QVERIFY(keysJson.contains(QByteArray::fromStdString(record.prefix)));
        const QByteArray payload = secret.toLatin1().mid(int(record.prefix.size()));
        QVERIFY(!keysJson.contains(secret.toLatin1()));
        QVERIFY(!keysJson.contains(payload));
        QVERIFY(!workspaceText(m_dir->path()).contains(payload));
        // ... nor in the settings or the undo history.
        QSettings().sync();
        QVERIFY(!readFile(QSettings().fileName()).contains(payload));
        for (int i = 0; i < stack->count(); ++i)
            QVERIFY(!stack->text(i).contains(QString::fromLatin1(payload)));

        // Creating is one undo step; undo takes the record away.
        stack->undo();
        QCOMPARE(document()->keys().size(), std::size_t(0));
        stack->redo();
        QCOMPARE(document()->keys().size(), std::size_t(1));
    }

    void rotatingShowsTheNewKeyOnceAndKeepsTheOldOneForAWhile()
    {
        m_window->showPage(MainWindow::KeysPage);
        const std::int64_t now = 1'795'000'000;
        m_panel->setClock([now] { return now; });
        server::KeyOptions options;
        options.tier = "free";
        options.label = "CI";
        const QString oldId = m_panel->createKey(options);
        QVERIFY(!oldId.isEmpty());
        const QString oldKey = takeShownKey();
        QCOMPARE(server::checkKeyFormat(toStd(oldKey)), server::KeyFormat::Ok);
        m_panel->selectKey(oldId);
        QVERIFY(m_panel->rotateKeyAction()->isEnabled());

        m_panel->rotateKeyAction()->trigger();
        auto* rotate = openDialog<RotateKeyDialog>();
        QVERIFY(rotate);
        QCOMPARE(rotate->graceSeconds(), 24 * 3600); // the default
        child<QPushButton>(rotate, "rotateKeyButton")->click();

        const QString newKey = takeShownKey();
        QCOMPARE(server::checkKeyFormat(toStd(newKey)), server::KeyFormat::Ok);
        QVERIFY(newKey != oldKey);
        QCOMPARE(document()->keys().size(), std::size_t(2));
        const server::ApiKey* old = server::findKey(document()->keys(), toStd(oldId));
        QVERIFY(old);
        QCOMPARE(old->expires, now + 24 * 3600);
        const server::ApiKey& fresh = document()->keys().back();
        QCOMPARE(fresh.rotatedFrom, toStd(oldId));
        QCOMPARE(fresh.label, std::string("CI"));
        QCOMPARE(fresh.hash, server::toHex(server::sha256(toStd(newKey))));
        QCOMPARE(m_panel->selectedKeyIds(), QStringList { toQt(fresh.id) });

        // Rotation is one undo step.
        document()->undoStack()->undo();
        QCOMPARE(document()->keys().size(), std::size_t(1));
        QCOMPARE(document()->keys().front().expires, 0);
    }

    void revokingStopsTheKeyOnTheNextRequest()
    {
        m_window->showPage(MainWindow::KeysPage);
        ServerController* server = m_window->serverController();
        QVERIFY2(test::startServer(server), qPrintable(server->lastError()));
        const QString url = server->baseUrl() + QStringLiteral("/v1/secret");
        QCOMPARE(get(url, {}), 401);

        server::KeyOptions options;
        options.tier = "pro";
        options.label = "Leaky";
        QSignalSpy appliedAfterCreate(server, &ServerController::applied);
        const QString id = m_panel->createKey(options);
        const QString key = takeShownKey();
        // Creating applies through the usual (short) debounce. (No QTRY on
        // get(): it would send, and count, more than one request.)
        QTRY_VERIFY(appliedAfterCreate.count() > 0);
        QCOMPARE(get(url, key), 200);

        m_panel->selectKey(id);
        QVERIFY(m_panel->revokeKeyAction()->isEnabled());
        const int steps = document()->undoStack()->count();
        QSignalSpy applied(server, &ServerController::applied);
        m_panel->revokeKeyAction()->trigger();
        auto* confirm = openDialog<QMessageBox>();
        QVERIFY(confirm);
        QCOMPARE(confirm->objectName(), QStringLiteral("revokeConfirmation"));
        child<QPushButton>(confirm, "confirmRevokeButton")->click();

        // Applied at once, not after the debounce (asked for before the click
        // returns: tst_enginestate); the key fails from the moment that apply
        // lands. On disk at once.
        QTRY_VERIFY(applied.count() >= 1);
        QCOMPARE(get(url, key), 401);
        QVERIFY(document()->keys().front().revoked > 0);
        QCOMPARE(document()->undoStack()->count(), steps);
        QVERIFY(!document()->hasUnsavedChanges());
        std::vector<server::ApiKey> onDisk;
        QVERIFY(server::loadKeys(pathFromQt(m_dir->path()), &onDisk, nullptr));
        QCOMPARE(onDisk.size(), std::size_t(1));
        QVERIFY(onDisk.front().revoked > 0);
        QCOMPARE(m_panel->keyModel()->index(0, KeyTableModel::StateColumn).data().toString(),
            QStringLiteral("Revoked"));
        QVERIFY(!m_panel->revokeKeyAction()->isEnabled());
        QVERIFY(!m_panel->rotateKeyAction()->isEnabled());

        // The usage of the key shows in the table (polled at 4 Hz).
        QTRY_COMPARE(m_panel->keyModel()
                         ->index(0, KeyTableModel::UsageColumn)
                         .data(KeyTableModel::UsedRole)
                         .toLongLong(),
            1);
        QVERIFY(test::stopServer(server));
    }

    void cancellingTheConfirmationKeepsTheKey()
    {
        server::KeyOptions options;
        options.tier = "free";
        const QString id = m_panel->createKey(options);
        takeShownKey();
        m_panel->selectKey(id);
        m_panel->revokeKeyAction()->trigger();
        auto* confirm = openDialog<QMessageBox>();
        QVERIFY(confirm);
        confirm->button(QMessageBox::Cancel)->click();
        QCOMPARE(document()->keys().front().revoked, 0);
    }

    void changesTierFromTheMenuAndFilters()
    {
        m_window->showPage(MainWindow::KeysPage);
        server::KeyOptions options;
        options.tier = "free";
        options.label = "One";
        const QString one = m_panel->createKey(options);
        takeShownKey();
        options.label = "Two";
        const QString two = m_panel->createKey(options);
        takeShownKey();

        m_panel->selectKey(one);
        auto* toPro = child<QAction>(m_panel->changeTierMenu(), "changeTier-pro");
        QVERIFY(toPro);
        toPro->trigger();
        QCOMPARE(server::findKey(document()->keys(), toStd(one))->tier, std::string("pro"));
        QCOMPARE(server::findKey(document()->keys(), toStd(two))->tier, std::string("free"));

        auto* tierFilter = child<QComboBox>(m_panel, "keyTierFilter");
        tierFilter->setCurrentIndex(tierFilter->findData(QStringLiteral("pro")));
        QCOMPARE(m_panel->keyProxy()->rowCount(), 1);
        child<QLineEdit>(m_panel, "keyFilterEdit")->setText(QStringLiteral("nothing matches"));
        QCOMPARE(m_panel->keyProxy()->rowCount(), 0);
        QVERIFY(child<QLabel>(m_panel, "keyPlaceholder")->isVisible());
        // Selecting a key the filters hide clears them.
        m_panel->selectKey(two);
        QCOMPARE(m_panel->keyProxy()->rowCount(), 2);
        QCOMPARE(m_panel->selectedKeyIds(), QStringList { two });

        document()->undoStack()->undo();
        QCOMPARE(server::findKey(document()->keys(), toStd(one))->tier, std::string("free"));
    }

    void aRejectedTierEditIsShownInline()
    {
        m_window->showPage(MainWindow::KeysPage);
        TierTableModel* tiers = m_panel->tierModel();
        auto* label = child<QLabel>(m_panel, "tierMessageLabel");
        QVERIFY(!label->isVisible());
        QVERIFY(!tiers->setData(
            tiers->index(1, TierTableModel::PriceColumn), QStringLiteral("0.0000001")));
        QVERIFY(label->isVisible());
        QVERIFY(label->text().contains(QStringLiteral("six decimal")));
        QVERIFY(
            tiers->setData(tiers->index(1, TierTableModel::PriceColumn), QStringLiteral("0.004")));
        QVERIFY(!label->isVisible());
        QCOMPARE(document()->tiers()[1].pricePerRequestMicros, 4000);
    }

    void exportsTheInvoiceOfTheKey()
    {
        server::KeyOptions options;
        options.tier = "pro";
        options.label = "Invoice me";
        const QString id = m_panel->createKey(options);
        takeShownKey();
        m_panel->selectKey(id);
        KeyUsageView* usage = m_panel->usageView();
        QCOMPARE(usage->keyId(), id);
        QCOMPARE(child<QLabel>(usage, "invoiceFeeLabel")->text(), QStringLiteral("$29"));
        QCOMPARE(child<QLabel>(usage, "invoiceTotalLabel")->text(), QStringLiteral("$29"));

        const QString csvPath = QDir(m_dir->path()).filePath(QStringLiteral("invoice.csv"));
        QVERIFY(usage->exportInvoice(csvPath, KeyUsageView::Format::Csv));
        const QByteArray csv = readFile(csvPath);
        QVERIFY(csv.startsWith("month,key_id,"));
        QVERIFY(csv.contains(id.toLatin1()));
        QVERIFY(csv.contains("29.000000"));
        const QString jsonPath = QDir(m_dir->path()).filePath(QStringLiteral("invoice.json"));
        QVERIFY(usage->exportInvoice(jsonPath, KeyUsageView::Format::Json));
        QVERIFY(readFile(jsonPath).contains("\"invoices\""));
    }
};

QTEST_MAIN(TestKeysPanel)
#include "tst_keyspanel.moc"
