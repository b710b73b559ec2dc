#pragma once

#include "ui/routes/routesection.h"

#include <array>

class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace tollgate::ui {

/// The route editor's Access tab: who may call the route (anyone, or a key
/// with scopes), what a keyed request pays and may send (price, own rate
/// limit), what serving any request costs, and where its answers say how
/// many tokens they used (LLM-style APIs).
class RouteAccessTab final : public RouteSection {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RouteAccessTab)

public:
    explicit RouteAccessTab(QWidget* parent = nullptr);

private:
    /// A money field of the route's access, typed in USD.
    struct MoneyField {
        QLineEdit* edit = nullptr;
        server::Micros server::RouteAccess::*value = nullptr;
        /// What an empty field stores: 0, or -1 for "the tier's price",
        /// which the field shows empty.
        server::Micros blank = 0;
        QString mergeKey;
        /// "Price: %1", the parser's complaint at %1.
        QString errorFormat;
        QString undoText;
    };

    /// Where the answer says how many tokens it used: a JSON pointer,
    /// empty for "not counted".
    struct PointerField {
        QLineEdit* edit = nullptr;
        std::string server::TokenCounting::*value = nullptr;
        QString mergeKey;
        /// "Input tokens: %1", the complaint at %1.
        QString errorFormat;
        QString undoText;
    };

    void load() override;
    void forget() override;
    void setError(const QString& error);
    QLineEdit* lineEdit(
        const QString& objectName, const QString& placeholder, const QString& toolTip);
    void moneyEdited(const MoneyField& field, const QString& text);
    void loadMoney(const MoneyField& field, const server::RouteAccess& access, bool invalid);
    void pointerEdited(const PointerField& field, const QString& text);
    void loadPointer(const PointerField& field, const server::TokenCounting& tokens, bool invalid);
    void setTokenError(const QString& error);

    QRadioButton* m_public;
    QRadioButton* m_keyed;
    QLineEdit* m_scopes;
    std::array<MoneyField, 3> m_money;
    QSpinBox* m_rate;
    QSpinBox* m_burst;
    QLabel* m_error;
    QWidget* m_keyedBox;
    std::array<PointerField, 2> m_pointers;
    QLabel* m_tokensNote;
    /// The token pointers' own error, under them: the tab's error line is
    /// out of sight from there.
    QLabel* m_tokensError;
};

} // namespace tollgate::ui
