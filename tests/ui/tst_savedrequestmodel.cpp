#include "testutil.h"

#include "ui/requests/savedrequestmodel.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace tollgate;
using namespace tollgate::ui;

namespace {

server::SavedRequest saved(
    const char* folder, const char* name, const char* fileName, const char* method = "GET")
{
    server::SavedRequest r;
    r.folder = folder;
    r.name = name;
    r.fileName = fileName;
    r.request.method = method;
    r.request.url = std::string("{{baseUrl}}/") + fileName;
    return r;
}

// The tree as text, depth-first: "folder/" for folders, indented by level.
QStringList dump(const QAbstractItemModel& model, const QModelIndex& parent = {}, int depth = 0)
{
    QStringList lines;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        const bool folder = index.data(SavedRequestModel::IsFolderRole).toBool();
        lines << QString(depth * 2, u' ') + index.data().toString()
                + (folder ? QStringLiteral("/") : QString());
        lines << dump(model, index, depth + 1);
    }
    return lines;
}

QStringList lines(std::initializer_list<const char*> items)
{
    QStringList out;
    for (const char* item : items)
        out << QString::fromUtf8(item);
    return out;
}

struct Move {
    std::string fileName;
    std::string from;
    QString to;
};

} // namespace

class TestSavedRequestModel : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SavedRequestModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    void load()
    {
        m_model->setContents(
            {
                saved("", "Health", "health.json"),
                saved("users", "List users", "list.json"),
                saved("users", "create user", "create.json", "POST"),
                saved("users/admin", "Ban user", "ban.json", "DELETE"),
                saved("billing", "Invoices", "invoices.json"),
            },
            { "users", "users/admin", "archive/2025", "billing" });
    }

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void init()
    {
        m_model = std::make_unique<SavedRequestModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void buildsNestedSortedTree()
    {
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        load();
        QCOMPARE(reset.count(), 1);
        // Folders first, then requests; each sorted case-insensitively.
        QCOMPARE(dump(*m_model),
            lines({ "archive/", "  2025/", "billing/", "  Invoices", "users/", "  admin/",
                "    Ban user", "  create user", "  List users", "Health" }));
        QCOMPARE(m_model->columnCount(), 1);

        const QModelIndex admin = m_model->folderIndex("users/admin");
        QVERIFY(admin.isValid());
        QCOMPARE(admin.data().toString(), QStringLiteral("admin"));
        QCOMPARE(admin.data(SavedRequestModel::FolderPathRole).toString(),
            QStringLiteral("users/admin"));
        QVERIFY(admin.data(SavedRequestModel::IsFolderRole).toBool());
        QVERIFY(admin.data(SavedRequestModel::MethodRole).isNull());
        QCOMPARE(admin.data(Qt::DecorationRole).typeId(), QMetaType::QIcon);
        QVERIFY(!m_model->request(admin));
        QCOMPARE(admin.parent(), m_model->folderIndex("users"));
        QCOMPARE(m_model->folderIndex("/users//admin/"), admin);
        QVERIFY(!m_model->folderIndex("nope").isValid());

        const QModelIndex ban = m_model->indexOf("users/admin", "ban.json");
        QVERIFY(ban.isValid());
        QCOMPARE(ban.parent(), admin);
        QCOMPARE(ban.data().toString(), QStringLiteral("Ban user"));
        QCOMPARE(ban.data(SavedRequestModel::MethodRole).toString(), QStringLiteral("DELETE"));
        QCOMPARE(
            ban.data(SavedRequestModel::FolderPathRole).toString(), QStringLiteral("users/admin"));
        QVERIFY(!ban.data(SavedRequestModel::IsFolderRole).toBool());
        QVERIFY(m_model->request(ban));
        QCOMPARE(m_model->request(ban)->request.url, std::string("{{baseUrl}}/ban.json"));
        QVERIFY(!m_model->indexOf("users", "ban.json").isValid());

        const QModelIndex health = m_model->indexOf("", "health.json");
        QVERIFY(health.isValid());
        QVERIFY(!health.parent().isValid());
        QVERIFY(!(m_model->flags(health) & Qt::ItemIsDropEnabled));
        QVERIFY(m_model->flags(health) & Qt::ItemIsDragEnabled);
        QVERIFY(m_model->flags(admin) & Qt::ItemIsDropEnabled);
        QVERIFY(!(m_model->flags(admin) & Qt::ItemIsDragEnabled));
        QVERIFY(m_model->flags(QModelIndex()) & Qt::ItemIsDropEnabled);
    }

    void upsertsIntoNewFolders()
    {
        load();
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);

        const QModelIndex added
            = m_model->upsert(saved("orders/refunds/2026", "Refund", "refund.json"));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(inserted.count(), 4); // three folders and the request
        QVERIFY(added.isValid());
        QCOMPARE(added, m_model->indexOf("orders/refunds/2026", "refund.json"));
        QCOMPARE(added.data().toString(), QStringLiteral("Refund"));
        QCOMPARE(dump(*m_model).mid(0, 10),
            lines({ "archive/", "  2025/", "billing/", "  Invoices", "orders/", "  refunds/",
                "    2026/", "      Refund", "users/", "  admin/" }));

        // Into an existing folder, at its sorted place.
        const QModelIndex alpha = m_model->upsert(saved("users", "Archive user", "archive.json"));
        QCOMPARE(alpha.row(), 1); // after the "admin" folder, before "create user"
        QCOMPARE(alpha.parent(), m_model->folderIndex("users"));
        QCOMPARE(inserted.count(), 5);
    }

    void upsertReplacesAndResorts()
    {
        load();
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

        // Same folder and file: replaced in place.
        server::SavedRequest list = saved("users", "List users", "list.json");
        list.request.method = "HEAD";
        const QModelIndex same = m_model->upsert(list);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(moved.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(same, m_model->indexOf("users", "list.json"));
        QCOMPARE(same.data(SavedRequestModel::MethodRole).toString(), QStringLiteral("HEAD"));

        // Renamed: moves to its new sorted place.
        const QModelIndex renamed = m_model->upsert(saved("users", "A first", "list.json"));
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(moved.count(), 1);
        QCOMPARE(renamed, m_model->indexOf("users", "list.json"));
        QCOMPARE(dump(*m_model).mid(4, 5),
            lines({ "users/", "  admin/", "    Ban user", "  A first", "  create user" }));

        const QModelIndex last = m_model->upsert(saved("users", "zzz", "list.json"));
        QCOMPARE(moved.count(), 2);
        QCOMPARE(last.row(), 2);
        QCOMPARE(dump(*m_model).mid(4, 5),
            lines({ "users/", "  admin/", "    Ban user", "  create user", "  zzz" }));

        // The same file name in another folder is another request.
        m_model->upsert(saved("billing", "List users", "list.json"));
        QCOMPARE(inserted.count(), 1);
        QVERIFY(m_model->indexOf("users", "list.json").isValid());
        QVERIFY(m_model->indexOf("billing", "list.json").isValid());
    }

    void removesRequestsButKeepsFolders()
    {
        load();
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        m_model->remove("users/admin", "ban.json");
        QCOMPARE(removed.count(), 1);
        QVERIFY(!m_model->indexOf("users/admin", "ban.json").isValid());
        QVERIFY(m_model->folderIndex("users/admin").isValid());
        QCOMPARE(m_model->rowCount(m_model->folderIndex("users/admin")), 0);

        m_model->remove("", "health.json");
        QCOMPARE(removed.count(), 2);
        m_model->remove("users", "missing.json");
        m_model->remove("nowhere", "list.json");
        QCOMPARE(removed.count(), 2);
        QCOMPARE(dump(*m_model),
            lines({ "archive/", "  2025/", "billing/", "  Invoices", "users/", "  admin/",
                "  create user", "  List users" }));
    }

    void addsNestedFolders()
    {
        load();
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        const QModelIndex deep = m_model->addFolder("archive/2024/q4");
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(deep.data(SavedRequestModel::FolderPathRole).toString(),
            QStringLiteral("archive/2024/q4"));
        QCOMPARE(deep, m_model->folderIndex("archive/2024/q4"));
        QCOMPARE(dump(*m_model).mid(0, 4), lines({ "archive/", "  2024/", "    q4/", "  2025/" }));

        // Existing folders are not added twice.
        QCOMPARE(m_model->addFolder("archive/2024"), m_model->folderIndex("archive/2024"));
        QCOMPARE(inserted.count(), 2);
        QVERIFY(!m_model->addFolder("").isValid());
        QCOMPARE(inserted.count(), 2);
    }

    void mimeDataRoundTrip()
    {
        load();
        const QModelIndex ban = m_model->indexOf("users/admin", "ban.json");
        const QModelIndex health = m_model->indexOf("", "health.json");
        const QModelIndex users = m_model->folderIndex("users");
        QCOMPARE(
            m_model->mimeTypes(), QStringList { QStringLiteral("application/x-tollgate-request") });
        QCOMPARE(m_model->supportedDropActions(), Qt::DropActions(Qt::MoveAction));

        // Folders are not dragged; only the requests travel.
        std::unique_ptr<QMimeData> data(m_model->mimeData({ ban, users, health, ban }));
        QVERIFY(data);
        QVERIFY(data->hasFormat(QStringLiteral("application/x-tollgate-request")));
        QVERIFY(!std::unique_ptr<QMimeData>(m_model->mimeData({ users })));

        QSignalSpy moves(m_model.get(), &SavedRequestModel::moveRequested);
        QVERIFY(m_model->canDropMimeData(data.get(), Qt::MoveAction, -1, -1, users));
        QVERIFY(m_model->dropMimeData(data.get(), Qt::MoveAction, -1, -1, users));
        QCOMPARE(moves.count(), 2);
        const auto first = moves.at(0).at(0).value<server::SavedRequest>();
        QCOMPARE(first.fileName, std::string("ban.json"));
        QCOMPARE(first.folder, std::string("users/admin"));
        QCOMPARE(first.name, std::string("Ban user"));
        QCOMPARE(moves.at(0).at(1).toString(), QStringLiteral("users"));
        QCOMPARE(
            moves.at(1).at(0).value<server::SavedRequest>().fileName, std::string("health.json"));
        QCOMPARE(moves.at(1).at(1).toString(), QStringLiteral("users"));
    }

    void dropEmitsTheTargetFolder()
    {
        load();
        QList<Move> moves;
        // Like the owner: move the file, then show it in its new place.
        connect(m_model.get(), &SavedRequestModel::moveRequested, this,
            [&](const server::SavedRequest& request, const QString& folder) {
                moves.append({ request.fileName, request.folder, folder });
                server::SavedRequest movedRequest = request;
                movedRequest.folder = folder.toStdString();
                m_model->remove(request.folder, request.fileName);
                m_model->upsert(movedRequest);
            });
        const auto drag = [&](const char* folder, const char* fileName) {
            return std::unique_ptr<QMimeData>(
                m_model->mimeData({ m_model->indexOf(folder, fileName) }));
        };

        // Onto a nested folder.
        auto data = drag("", "health.json");
        QVERIFY(m_model->dropMimeData(
            data.get(), Qt::MoveAction, -1, -1, m_model->folderIndex("users/admin")));
        QCOMPARE(moves.size(), 1);
        QCOMPARE(moves.last().fileName, std::string("health.json"));
        QCOMPARE(moves.last().to, QStringLiteral("users/admin"));
        QVERIFY(m_model->indexOf("users/admin", "health.json").isValid());
        QVERIFY(!m_model->indexOf("", "health.json").isValid());

        // Between rows of a folder: parent is that folder.
        data = drag("users/admin", "ban.json");
        QVERIFY(m_model->dropMimeData(
            data.get(), Qt::MoveAction, 0, 0, m_model->folderIndex("billing")));
        QCOMPARE(moves.last().to, QStringLiteral("billing"));
        QCOMPARE(moves.last().from, std::string("users/admin"));

        // Onto the root: out of every folder.
        data = drag("users", "create.json");
        QVERIFY(m_model->canDropMimeData(data.get(), Qt::MoveAction, -1, -1, QModelIndex()));
        QVERIFY(m_model->dropMimeData(data.get(), Qt::MoveAction, -1, -1, QModelIndex()));
        QCOMPARE(moves.last().to, QString());
        QVERIFY(m_model->indexOf("", "create.json").isValid());
        QCOMPARE(moves.size(), 3);

        // Refused: into its own folder, onto a request, a copy, foreign data,
        // and a request that is gone by the time it is dropped.
        data = drag("billing", "invoices.json");
        const QModelIndex billing = m_model->folderIndex("billing");
        QVERIFY(!m_model->canDropMimeData(data.get(), Qt::MoveAction, -1, -1, billing));
        QVERIFY(!m_model->dropMimeData(data.get(), Qt::MoveAction, -1, -1, billing));
        const QModelIndex list = m_model->indexOf("users", "list.json");
        QVERIFY(!m_model->canDropMimeData(data.get(), Qt::MoveAction, -1, -1, list));
        QVERIFY(!m_model->canDropMimeData(
            data.get(), Qt::CopyAction, -1, -1, m_model->folderIndex("users")));
        QMimeData text;
        text.setText(QStringLiteral("billing/invoices.json"));
        QVERIFY(!m_model->canDropMimeData(&text, Qt::MoveAction, -1, -1, QModelIndex()));
        QMimeData garbage;
        garbage.setData(
            QStringLiteral("application/x-tollgate-request"), QByteArray("\x01\x02", 2));
        QVERIFY(!m_model->dropMimeData(&garbage, Qt::MoveAction, -1, -1, QModelIndex()));
        m_model->remove("billing", "invoices.json");
        QVERIFY(!m_model->dropMimeData(data.get(), Qt::MoveAction, -1, -1, QModelIndex()));
        QCOMPARE(moves.size(), 3);
    }
};

QTEST_MAIN(TestSavedRequestModel)
#include "tst_savedrequestmodel.moc"
