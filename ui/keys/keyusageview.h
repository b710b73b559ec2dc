#pragma once

#include "server/access/usage.h"

#include <QWidget>

#include <vector>

class QGroupBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace tollgate::ui {

class UsageTableModel;
class WorkspaceDocument;

/// One key's usage by month and the invoice preview of the selected month
/// (the tier's monthly fee plus per-request charges), exported as CSV or
/// JSON by the engine's invoiceCsv / invoiceJson.
class KeyUsageView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyUsageView)

public:
    enum class Format { Csv, Json };

    explicit KeyUsageView(WorkspaceDocument* document, QWidget* parent = nullptr);

    /// Shows the key with this id; empty shows a hint instead.
    void setKey(const QString& keyId);
    QString keyId() const { return m_keyId; }
    /// Every key's usage as polled from the engine.
    void setUsage(const std::vector<server::KeyUsage>& usage);
    /// "2026-11": the month previewed while no month is selected.
    void setCurrentMonth(const QString& month);

    /// The month the invoice preview shows.
    QString previewMonth() const;
    /// The previewed month's usage (zero counts when the key has none yet).
    server::KeyUsage previewUsage() const;
    /// The invoice of the previewed month as the engine writes it.
    QByteArray invoice(Format format) const;
    /// Writes invoice(format) to path. False with *error when it cannot.
    bool exportInvoice(const QString& path, Format format, QString* error = nullptr) const;

    UsageTableModel* model() const { return m_model; }

Q_SIGNALS:
    void message(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void refresh();
    void updatePreview();
    void exportWithDialog(Format format);

    WorkspaceDocument* m_document;
    QString m_keyId;
    QString m_currentMonth;
    std::vector<server::KeyUsage> m_usage;
    UsageTableModel* m_model;
    QStackedWidget* m_stack;
    QLabel* m_title;
    QTableView* m_view;
    QLabel* m_emptyMonths;
    QGroupBox* m_invoiceBox;
    QLabel* m_feeLabel;
    QLabel* m_fee;
    QLabel* m_charges;
    QLabel* m_total;
    QLabel* m_cost;
    QLabel* m_margin;
    QPushButton* m_exportCsv;
    QPushButton* m_exportJson;
};

} // namespace tollgate::ui
