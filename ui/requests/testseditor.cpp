#include "ui/requests/testseditor.h"

#include "ui/common/convert.h"
#include "ui/requests/checkmodels.h"
#include "ui/widgets/comboboxdelegate.h"
#include "ui/widgets/editabletable.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace tollgate::ui {

TestsEditor::TestsEditor(QWidget* parent)
    : QWidget(parent)
    , m_assertions(new AssertionTableModel(this))
    , m_captures(new CaptureTableModel(this))
    , m_summary(new QLabel(this))
    , m_problem(new QLabel(this))
{
    auto* assertions = new EditableTable(m_assertions, tr("Add Assertion"), tr("Remove"), this);
    assertions->view()->setObjectName(QStringLiteral("assertionsView"));
    assertions->view()->setItemDelegate(
        new ComboBoxDelegate(AssertionTableModel::ChoicesRole, assertions->view()));
    assertions->view()->horizontalHeader()->setSectionResizeMode(
        AssertionTableModel::ResultColumn, QHeaderView::Stretch);
    auto* captures = new EditableTable(m_captures, tr("Add Capture"), tr("Remove"), this);
    captures->view()->setObjectName(QStringLiteral("capturesView"));
    captures->view()->setItemDelegate(
        new ComboBoxDelegate(CaptureTableModel::ChoicesRole, captures->view()));
    captures->view()->horizontalHeader()->setSectionResizeMode(
        CaptureTableModel::ResultColumn, QHeaderView::Stretch);

    m_summary->setObjectName(QStringLiteral("testsSummary"));
    m_problem->setObjectName(QStringLiteral("testsProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #c02828"));
    m_problem->hide();

    auto* assertionsTitle = new QLabel(tr("<b>Assertions</b> — checked on every answer; "
                                          "<code>tollgated run</code> checks them in CI"),
        this);
    auto* capturesTitle = new QLabel(tr("<b>Captures</b> — values of the answer kept as "
                                        "variables of the current environment"),
        this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addWidget(assertionsTitle);
    // Assertions are the many; a request captures one or two values, so
    // their table is two rows high and the assertions get the rest.
    QTableView* captureView = captures->view();
    captureView->setMaximumHeight(captureView->horizontalHeader()->sizeHint().height()
        + 2 * captureView->verticalHeader()->defaultSectionSize() + 2 * captureView->frameWidth());
    layout->addWidget(assertions, 4);
    layout->addWidget(capturesTitle);
    layout->addWidget(captures, 1);
    layout->addWidget(m_problem);
    layout->addWidget(m_summary);

    const auto onEdited = [this] {
        m_problem->hide();
        Q_EMIT edited();
    };
    const auto onRefused = [this](const QString& problem) {
        m_problem->setText(tr("Not changed: %1.").arg(problem));
        m_problem->show();
    };
    connect(m_assertions, &AssertionTableModel::assertionsEdited, this, onEdited);
    connect(m_captures, &CaptureTableModel::capturesEdited, this, onEdited);
    connect(m_assertions, &AssertionTableModel::refused, this, onRefused);
    connect(m_captures, &CaptureTableModel::refused, this, onRefused);
}

TestsEditor::~TestsEditor() = default;

void TestsEditor::load(const server::RequestChecks& checks)
{
    m_assertions->setAssertions(checks.assertions);
    m_captures->setCaptures(checks.captures);
    m_problem->hide();
    showOutcome(nullptr);
}

server::RequestChecks TestsEditor::checks() const
{
    return { m_assertions->assertions(), m_captures->captures() };
}

void TestsEditor::showOutcome(const server::CheckOutcome* outcome)
{
    m_assertions->setOutcomes(outcome ? outcome->assertions : decltype(outcome->assertions) {});
    m_captures->setOutcomes(outcome ? outcome->captures : decltype(outcome->captures) {});
    if (!outcome || (outcome->assertions.empty() && outcome->captures.empty())) {
        m_summaryText.clear();
        m_summary->clear();
        return;
    }
    const int total = int(outcome->assertions.size() + outcome->captures.size());
    const int passed = total - outcome->failures();
    m_summaryText = tr("%1 of %2 passed").arg(passed).arg(total);
    m_summary->setText(outcome->passed()
            ? tr("<span style='color:#1b7f3b'>✔ All %n passed</span>", nullptr, total)
            : tr("<span style='color:#c02828'>✘ %1 of %2 failed</span>")
                  .arg(outcome->failures())
                  .arg(total));
}

} // namespace tollgate::ui
