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
/// limit), and what serving any request costs.
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

    void load() override;
    void forget() override;
    void setError(const QString& error);
    QLineEdit* moneyEdit(
        const QString& objectName, const QString& placeholder, const QString& toolTip);
    void moneyEdited(const MoneyField& field, const QString& text);
    void loadMoney(const MoneyField& field, const server::RouteAccess& access, bool invalid);

    QRadioButton* m_public;
    QRadioButton* m_keyed;
    QLineEdit* m_scopes;
    std::array<MoneyField, 3> m_money;
    QSpinBox* m_rate;
    QSpinBox* m_burst;
    QLabel* m_error;
    QWidget* m_keyedBox;
};

} // namespace tollgate::ui
