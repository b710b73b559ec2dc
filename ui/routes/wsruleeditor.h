#pragma once

#include "server/workspace/workspace.h"

#include <QString>
#include <QWidget>

#include <array>

class QComboBox;
class QLabel;
class QLineEdit;

namespace tollgate::ui {

class WsMessagesEditor;

/// The WebSocket tab's selected rule: what it matches (how, at which JSON
/// pointer, which value), who gets its replies, whether it closes the
/// connection after them (code and reason), and the replies.
///
/// Fields are checked as they are typed, as the route file reader checks
/// them (a value that is no regular expression, a close code a Close frame
/// cannot carry, a pointer without its '/', a reason over 123 bytes). What
/// is valid is stored at once; what is not stays in its field with the
/// reason under the form, and is stored once it is fixed: nothing typed is
/// lost, and the route never holds what its file could not.
class WsRuleEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WsRuleEditor)

public:
    explicit WsRuleEditor(QWidget* parent = nullptr);

    /// Shows the rule at row as stored. The same rule shown again (after an
    /// edit, an undo) keeps the fields still being fixed, unless the stored
    /// value under them changed.
    void setRule(int row, const server::WsRule& rule);
    /// No rule selected: the form is empty and disabled.
    void clearRule();
    /// Puts the cursor in the value, all of it selected (a new rule).
    void focusValue();
    /// What the form says is wrong now, one line a field; empty when
    /// everything typed is stored.
    QString problems() const;

Q_SIGNALS:
    /// The user changed the rule: mergeKey names the field ("value",
    /// "replies/0/0"); empty for a choice, which is a step of its own.
    void edited(const server::WsRule& rule, const QString& mergeKey, const QString& undoText);
    /// A reply's edit was not taken, and why.
    void refused(const QString& problem);

private:
    enum Field { PointerField, ValueField, CloseCodeField, CloseReasonField, FieldCount };

    /// The stored rule with what the fields hold that is valid; sets the
    /// problem of each field that is not.
    server::WsRule fromFields();
    void fieldEdited(const QString& mergeKey, const QString& undoText);
    void showProblems();
    void updateEnabled();
    /// Why text is no regular expression for the server (ECMAScript, as
    /// std::regex reads it), or empty.
    static QString regexProblem(const QString& text);

    int m_row = -1;
    server::WsRule m_rule;
    std::array<QString, FieldCount> m_problems;
    /// Set while setRule() fills the fields.
    bool m_showing = false;

    QLabel* m_title;
    QComboBox* m_match;
    QLineEdit* m_pointer;
    QLineEdit* m_value;
    QComboBox* m_audience;
    QLineEdit* m_closeCode;
    QLineEdit* m_closeReason;
    QLabel* m_error;
    WsMessagesEditor* m_replies;
};

} // namespace tollgate::ui
