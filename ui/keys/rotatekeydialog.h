#pragma once

#include <QDialog>

#include <cstdint>

class QComboBox;

namespace tollgate::ui {

/// Asks how long the old key keeps working after a rotation (default 24 h),
/// so clients can switch to the new key without an outage.
class RotateKeyDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RotateKeyDialog)

public:
    /// keyName: the label or prefix of the key being rotated.
    explicit RotateKeyDialog(const QString& keyName, QWidget* parent = nullptr);

    std::int64_t graceSeconds() const;
    void setGraceSeconds(std::int64_t seconds);

private:
    QComboBox* m_grace;
};

} // namespace tollgate::ui
