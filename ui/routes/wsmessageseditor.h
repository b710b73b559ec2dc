#pragma once

#include "server/workspace/workspace.h"

#include <QWidget>

#include <vector>

class QLabel;
class QTableView;
class QToolButton;

namespace tollgate::ui {

class BodyEditor;
class WsMessageModel;

/// A list of WebSocket messages (a route's messages on open, or a rule's
/// replies): a table of text and delay with add, remove, up and down, and
/// under it the selected message's text, which may take several lines. The
/// WebSocket tab holds two; each names its widgets with its own prefix
/// ("wsOnOpen": wsOnOpenView, wsOnOpenAddButton, wsOnOpenTextEdit...).
class WsMessagesEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WsMessagesEditor)

public:
    WsMessagesEditor(const QString& objectPrefix, QWidget* parent = nullptr);

    /// What the Add button appends.
    void setStarter(const server::WsMessage& message);
    void setMessages(const std::vector<server::WsMessage>& messages);
    const std::vector<server::WsMessage>& messages() const;
    /// The line above the table: what the list is for.
    void setHint(const QString& hint);
    /// The label of the text editor, with a %1 for the message's number and
    /// a mnemonic ("Te&xt of message %1:").
    void setTextLabel(const QString& format);
    /// Where the text would be while there is no message: what an empty
    /// list means ("A client is sent nothing until...").
    void setEmptyText(const QString& text);
    /// The tips of the buttons, in the words of what the list is.
    void setButtonTips(const QString& add, const QString& remove);
    /// How much of the list and of the text shows at least and at most
    /// (the tab holds two lists and the rules beside them).
    void setSizes(int minimumRows, int textLines);
    WsMessageModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }

Q_SIGNALS:
    /// The user changed the messages (messages() holds them); mergeKey as
    /// WsMessageModel::messagesEdited says.
    void edited(const QString& mergeKey);
    /// An edit was not taken, and why.
    void refused(const QString& problem);

private:
    void addMessage();
    void removeMessage();
    void moveMessage(int delta);
    void selectRow(int row);
    void showCurrent();

    WsMessageModel* m_model;
    QTableView* m_view;
    QLabel* m_hint;
    QToolButton* m_add;
    QToolButton* m_remove;
    QToolButton* m_up;
    QToolButton* m_down;
    QLabel* m_textLabel;
    BodyEditor* m_text;
    QLabel* m_textProblem;
    QString m_textFormat;
    QString m_emptyText;
    /// Set while the selected message's text is put in the editor.
    bool m_showing = false;
};

} // namespace tollgate::ui
