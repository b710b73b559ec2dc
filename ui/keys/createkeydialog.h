#pragma once

#include "server/access/apikey.h"

#include <QDialog>

#include <vector>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;

namespace tollgate::ui {

/// Asks what a new key is for: tier, label, owner, scopes and an optional
/// expiry. The key itself is made by the caller once this is accepted.
class CreateKeyDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreateKeyDialog)

public:
    explicit CreateKeyDialog(const std::vector<server::Tier>& tiers, QWidget* parent = nullptr);

    /// Preselects the tier with this id.
    void setTier(const QString& id);
    /// What the user entered; meaningful once the dialog is accepted.
    server::KeyOptions options() const { return m_options; }

public Q_SLOTS:
    /// Accepts only valid input; otherwise says what is wrong.
    void accept() override;

private:
    void showError(const QString& text);

    server::KeyOptions m_options;
    QComboBox* m_tier;
    QLineEdit* m_label;
    QLineEdit* m_owner;
    QLineEdit* m_scopes;
    QCheckBox* m_expires;
    QDateTimeEdit* m_expiry;
    QLabel* m_error;
};

} // namespace tollgate::ui
