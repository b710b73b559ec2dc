#include "testutil.h"

#include "ui/routes/routelistmodel.h"
#include "ui/document/workspacedocument.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace tollgate;
using namespace tollgate::ui;

class TestRouteListModel : public QObject {
    Q_OBJECT

private:
    static server::Route makeRoute(const char* method, const char* path, bool enabled = true)
    {
        server::Route r;
        r.method = method;
        r.path = path;
        r.enabled = enabled;
        return r;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    WorkspaceDocument* m_document = nullptr;
    RouteListModel* m_model = nullptr;

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_document = new WorkspaceDocument(this);
        m_document->setAutosaveDelay(60'000);
        QString error;
        QVERIFY2(
            m_document->create(m_dir->path(), QStringLiteral("models"), &error), qPrintable(error));
        m_model = new RouteListModel(m_document, m_document);
        new QAbstractItemModelTester(
            m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, m_model);
    }

    void cleanup()
    {
        delete m_document;
        m_document = nullptr;
        m_dir.reset();
    }

    void showsRoutes()
    {
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(m_model->columnCount(), int(RouteListModel::ColumnCount));
        QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
        m_document->insertRoute(0, makeRoute("GET", "/v1/users"), {});
        m_document->insertRoute(1, makeRoute("DELETE", "/v1/users/{id}", false), {});
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(m_model->rowCount(), 2);

        QCOMPARE(m_model->index(0, RouteListModel::MethodColumn).data().toString(),
            QStringLiteral("GET"));
        QCOMPARE(m_model->index(1, RouteListModel::PathColumn).data().toString(),
            QStringLiteral("/v1/users/{id}"));
        QCOMPARE(m_model->index(0, RouteListModel::EnabledColumn).data(Qt::CheckStateRole).toInt(),
            int(Qt::Checked));
        QCOMPARE(m_model->index(1, RouteListModel::EnabledColumn).data(Qt::CheckStateRole).toInt(),
            int(Qt::Unchecked));
        QVERIFY(!m_model->index(1, RouteListModel::PathColumn)
                     .data(RouteListModel::EnabledRole)
                     .toBool());
        QVERIFY(m_model->flags(m_model->index(0, RouteListModel::EnabledColumn))
            & Qt::ItemIsUserCheckable);
        QVERIFY(m_model->headerData(RouteListModel::PathColumn, Qt::Horizontal).isValid());
    }

    void checkboxTogglesEnabledThroughUndo()
    {
        m_document->insertRoute(0, makeRoute("GET", "/a"), {});
        const QModelIndex enabled = m_model->index(0, RouteListModel::EnabledColumn);
        QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
        QVERIFY(m_model->setData(enabled, Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(changed.count(), 1);
        QVERIFY(!m_document->route(0).enabled);
        QCOMPARE(enabled.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));

        m_document->undoStack()->undo();
        QVERIFY(m_document->route(0).enabled);
        QCOMPARE(enabled.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    }

    void editsPathAndMethod()
    {
        m_document->insertRoute(0, makeRoute("GET", "/a"), {});
        const QModelIndex path = m_model->index(0, RouteListModel::PathColumn);
        QVERIFY(!m_model->setData(path, QStringLiteral("no-slash")));
        QCOMPARE(m_document->route(0).path, std::string("/a"));
        QVERIFY(m_model->setData(path, QStringLiteral("/b/{id}")));
        QCOMPARE(m_document->route(0).path, std::string("/b/{id}"));
        QCOMPARE(path.data().toString(), QStringLiteral("/b/{id}"));

        const QModelIndex method = m_model->index(0, RouteListModel::MethodColumn);
        QVERIFY(!m_model->setData(method, QStringLiteral("FETCH")));
        QVERIFY(m_model->setData(method, QStringLiteral("post")));
        QCOMPARE(m_document->route(0).method, std::string("POST"));
    }

    void followsRemovalAndReset()
    {
        m_document->insertRoute(0, makeRoute("GET", "/a"), {});
        m_document->insertRoute(1, makeRoute("GET", "/b"), {});
        QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
        m_document->removeRoute(0);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(
            m_model->index(0, RouteListModel::PathColumn).data().toString(), QStringLiteral("/b"));

        QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
        QVERIFY(m_document->saveNow());
        QString error;
        QVERIFY(m_document->open(m_dir->path(), &error));
        QVERIFY(reset.count() >= 1);
        QCOMPARE(m_model->rowCount(), 1);
    }

    void filterMatchesMethodAndPath()
    {
        m_document->insertRoute(0, makeRoute("GET", "/v1/users"), {});
        m_document->insertRoute(1, makeRoute("POST", "/v1/orders"), {});
        m_document->insertRoute(2, makeRoute("DELETE", "/v1/users/{id}"), {});
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(m_model);
        proxy.setFilterRole(RouteListModel::FilterRole);
        proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
        proxy.setFilterFixedString(QStringLiteral("users"));
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setFilterFixedString(QStringLiteral("post"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, RouteListModel::PathColumn).data().toString(),
            QStringLiteral("/v1/orders"));
    }
};

QTEST_MAIN(TestRouteListModel)
#include "tst_routelistmodel.moc"
