#pragma once

#include "server/checks/checkevaluation.h"
#include "server/composer/requestchecks.h"

#include <QWidget>

class QLabel;

namespace tollgate::ui {

class AssertionTableModel;
class CaptureTableModel;

/// The composer's Tests tab: the request's assertions and captures, edited
/// in two tables, and after a send what each gave.
class TestsEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestsEditor)

public:
    explicit TestsEditor(QWidget* parent = nullptr);
    ~TestsEditor() override;

    void load(const server::RequestChecks& checks);
    server::RequestChecks checks() const;
    /// Shows what the last send's answer gave (null: clears it).
    void showOutcome(const server::CheckOutcome* outcome);
    /// "3 of 4 passed" after a send, else empty.
    QString summary() const { return m_summaryText; }

Q_SIGNALS:
    void edited();

private:
    AssertionTableModel* m_assertions;
    CaptureTableModel* m_captures;
    QLabel* m_summary;
    QLabel* m_problem;
    QString m_summaryText;
};

} // namespace tollgate::ui
