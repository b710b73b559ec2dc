#pragma once

#include <QByteArrayView>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QSplitter;
class QTableView;

namespace tollgate::ui {

class BodyEditor;
class EventStreamModel;

/// The response viewer's Events tab for a text/event-stream answer, filled
/// while it arrives: a line on the stream (live or how it ended, events,
/// time to the first, rate, heartbeat comments), for OpenAI chat completion
/// chunks the text assembled so far, and the events in a table with the
/// selected one's data in full beside it. The table follows new events
/// while it is scrolled to its end.
class StreamView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamView)

public:
    /// How a stream ended.
    enum class End {
        Server, ///< the server closed it
        Stopped, ///< the user stopped it
        Failed, ///< a timeout or a network error cut it
    };

    explicit StreamView(QWidget* parent = nullptr);
    ~StreamView() override;

    EventStreamModel* model() const { return m_model; }

    /// Empties the view (not live).
    void reset();
    /// A new stream: empties the view and shows it live.
    void begin();
    /// Body bytes that arrived atMs after the request was sent.
    void append(QByteArrayView bytes, qint64 atMs);
    /// The stream is over; why says what cut it (End::Failed).
    void finish(End end, const QString& why = {});
    bool isLive() const { return m_live; }

    QString stateText() const;
    QString summaryText() const;
    /// The assembled text of chat completion chunks.
    QString text() const;

Q_SIGNALS:
    /// The number of events changed (the tab shows it).
    void eventCountChanged(int events);

private:
    QWidget* buildTextBox();
    QWidget* buildDetail();
    void updateSummary();
    void appendText(const QString& text);
    void showSelected();

    EventStreamModel* m_model;
    QLabel* m_state;
    QLabel* m_summary;
    QSplitter* m_splitter;
    QWidget* m_textBox;
    QLabel* m_textTitle;
    QPlainTextEdit* m_text;
    QTableView* m_table;
    QLabel* m_detailMeta;
    BodyEditor* m_detail;

    bool m_live = false;
    bool m_follow = true;
    int m_shownCount = -1;
};

} // namespace tollgate::ui
