#pragma once

#include "server/workspace/workspace.h"

#include <QAbstractTableModel>

namespace tollgate::ui {

class WorkspaceDocument;

/// The workspace's pricing tiers, editable in place. Every edit is checked
/// (the engine's tierProblems plus a unique id) and goes through the
/// document's undo stack; a rejected edit leaves the tier as it was and says
/// why through validationFailed().
class TierTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TierTableModel)

public:
    enum Column {
        IdColumn,
        NameColumn,
        RateColumn,
        BurstColumn,
        QuotaColumn,
        PriceColumn,
        FeeColumn,
        OverageColumn,
        PolicyColumn,
        // Token terms (LLM-style routes), after the request terms: a tier of
        // a request-priced API leaves them at 0.
        TokensColumn,
        InputPriceColumn, ///< per 1,000 input tokens
        OutputPriceColumn, ///< per 1,000 output tokens
        ColumnCount
    };
    enum Role {
        /// QStringList of choices for the over-quota column (ComboBoxDelegate).
        ChoicesRole = Qt::UserRole + 1,
        /// The raw value: qint64 counts and micro-dollars, the policy as int.
        ValueRole,
    };

    explicit TierTableModel(WorkspaceDocument* document, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Appends a tier with an unused id, as one undo step. Returns its row.
    int addTier();
    /// Removes a tier no key refers to. Refuses (validationFailed) otherwise:
    /// those keys would stop working.
    bool removeTier(int row);

    /// The over-quota column's choices (ChoicesRole), in OverQuotaPolicy order.
    static QStringList policyChoices();

    /// The problem sentence of the engine's tierProblems() in the UI language.
    static QString translateProblem(const std::string& problem);

Q_SIGNALS:
    /// An edit was refused; message says what is wrong and how to fix it.
    void validationFailed(const QString& message);
    /// An edit was accepted (views clear a shown validation message).
    void edited();

private:
    bool reject(const QString& message);
    bool parseCount(const QVariant& value, bool zeroIsUnlimited, std::int64_t* out);

    WorkspaceDocument* m_document;
};

} // namespace tollgate::ui
