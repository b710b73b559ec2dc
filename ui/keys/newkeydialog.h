#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace tollgate::ui {

/// Shows a freshly created key once: read-only, with a Copy button and the
/// warning that it cannot be shown again. The dialog is the key text's only
/// holder in the app; it forgets it when closed.
class NewKeyDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NewKeyDialog)

public:
    /// title: e.g. "Key for Mobile app created"; secret: the key's text.
    NewKeyDialog(const QString& title, const QString& secret, QWidget* parent = nullptr);
    ~NewKeyDialog() override;

    /// Puts the key on the clipboard.
    void copyKey();

public Q_SLOTS:
    void done(int result) override;

private:
    void forget();

    QLineEdit* m_key;
    QPushButton* m_copy;
    QLabel* m_copied;
};

} // namespace tollgate::ui
