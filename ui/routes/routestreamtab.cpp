#include "ui/routes/routestreamtab.h"

#include "server/stream/tokenstream.h"
#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/common/widgetfactory.h"
#include "ui/routes/sseeventmodel.h"
#include "ui/routes/sseeventseditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tollgate::ui {

namespace {

// The workspace reader's bounds (readSse).
constexpr int kMaxMs = 3'600'000;
constexpr int kMinHeartbeatMs = 100;
constexpr double kMaxPerSecond = 100'000;
constexpr double kMinTokensPerSecond = 0.01;
constexpr int kMaxTokensPerChunk = 10'000;

QLabel* noteLabel(QWidget* parent)
{
    auto* note = new QLabel(parent);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    return note;
}

} // namespace

RouteStreamTab::RouteStreamTab(QWidget* parent)
    : RouteSection(parent)
    , m_mode(new QComboBox(this))
    , m_modeNote(noteLabel(this))
    , m_heartbeatOn(new QCheckBox(tr("Heart&beat every"), this))
    , m_heartbeat(new QSpinBox(this))
    , m_error(errorLabel(QStringLiteral("sseErrorLabel"), this))
{
    m_mode->setObjectName(QStringLiteral("sseModeCombo"));
    m_mode->addItem(tr("Scripted events"), int(server::SseMode::Events));
    m_mode->addItem(tr("LLM completion, token by token"), int(server::SseMode::Tokens));
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this](int index) {
        server::SseStream s = route().sse;
        s.mode = server::SseMode(m_mode->itemData(index).toInt());
        addStarter(&s);
        edit(s, {},
            s.mode == server::SseMode::Tokens ? tr("Stream a completion")
                                              : tr("Stream scripted events"));
    });
    m_modeNote->setObjectName(QStringLiteral("sseModeNote"));

    m_heartbeatOn->setObjectName(QStringLiteral("sseHeartbeatCheck"));
    m_heartbeatOn->setToolTip(tr("A comment line when nothing was sent for this long keeps "
                                 "proxies and clients from closing a quiet stream"));
    m_heartbeat->setObjectName(QStringLiteral("sseHeartbeatSpin"));
    m_heartbeat->setRange(kMinHeartbeatMs, kMaxMs);
    m_heartbeat->setValue(server::SseStream {}.heartbeatMs);
    m_heartbeat->setSingleStep(1000);
    m_heartbeat->setAccelerated(true);
    m_heartbeat->setSuffix(tr(" ms"));
    m_heartbeat->setAccessibleName(tr("Heartbeat interval"));
    connect(m_heartbeatOn, &QCheckBox::toggled, this, [this](bool on) {
        server::SseStream s = route().sse;
        s.heartbeatMs = on ? m_heartbeat->value() : 0;
        edit(s, {}, on ? tr("Send heartbeats") : tr("Send no heartbeats"));
    });
    connect(m_heartbeat, &QSpinBox::valueChanged, this, [this](int ms) {
        server::SseStream s = route().sse;
        s.heartbeatMs = ms;
        edit(s, QStringLiteral("sse/heartbeat"), tr("Change heartbeat"));
    });
    auto* heartbeat = new QHBoxLayout;
    heartbeat->setSpacing(6);
    heartbeat->addWidget(m_heartbeatOn);
    heartbeat->addWidget(m_heartbeat);
    heartbeat->addStretch(1);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(tr("Se&nds:"), m_mode);
    form->addRow(tr("Keep alive:"), heartbeat);

    m_error->setWordWrap(true);

    auto* content = new QWidget;
    content->setObjectName(QStringLiteral("sseContent"));
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 10, 0, 0);
    contentLayout->setSpacing(8);
    contentLayout->addLayout(form);
    contentLayout->addWidget(m_modeNote);
    contentLayout->addWidget(m_error);
    contentLayout->addWidget(buildEvents(content), 1);
    contentLayout->addWidget(buildTokens(content), 1);

    // The events table and the text take the height there is; in a small
    // window everything scrolls rather than holding the window open.
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("sseScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
}

QWidget* RouteStreamTab::buildEvents(QWidget* parent)
{
    m_eventsBox = new QGroupBox(tr("Events"), parent);
    m_eventsBox->setObjectName(QStringLiteral("sseEventsBox"));
    m_events = new SseEventsEditor(m_eventsBox);
    connect(m_events, &SseEventsEditor::edited, this, [this](const QString& cell) {
        showError({});
        server::SseStream s = route().sse;
        s.events = m_events->events();
        edit(s, cell.isEmpty() ? QString() : QStringLiteral("sse/events/") + cell,
            tr("Edit events"));
    });
    connect(m_events, &SseEventsEditor::refused, this,
        [this](const QString& problem) { showError(tr("Events: %1").arg(problem)); });

    m_repeat = new QCheckBox(tr("Re&peat: start again after the last event"), m_eventsBox);
    m_repeat->setObjectName(QStringLiteral("sseRepeatCheck"));
    m_repeat->setToolTip(tr("Until the client leaves; {{stream.index}} keeps counting"));
    connect(m_repeat, &QCheckBox::toggled, this, [this](bool on) {
        server::SseStream s = route().sse;
        s.repeat = on;
        edit(s, {}, on ? tr("Repeat the events") : tr("Send the events once"));
    });

    m_pace = new QDoubleSpinBox(m_eventsBox);
    m_pace->setObjectName(QStringLiteral("ssePaceSpin"));
    m_pace->setRange(0, kMaxPerSecond);
    m_pace->setDecimals(2);
    m_pace->setSingleStep(1);
    m_pace->setAccelerated(true);
    m_pace->setSuffix(tr(" events per second"));
    m_pace->setSpecialValueText(tr("each event's delay"));
    m_pace->setToolTip(tr("A steady pace instead of each event's delay; 0 uses the delays"));
    connect(m_pace, &QDoubleSpinBox::valueChanged, this, [this](double perSecond) {
        server::SseStream s = route().sse;
        s.eventsPerSecond = perSecond;
        edit(s, QStringLiteral("sse/pace"), tr("Change pace"));
    });

    auto* paceLabel = new QLabel(tr("P&ace:"), m_eventsBox);
    paceLabel->setBuddy(m_pace);
    auto* pace = new QHBoxLayout;
    pace->setSpacing(6);
    pace->addWidget(paceLabel);
    pace->addWidget(m_pace);
    pace->addSpacing(16);
    pace->addWidget(m_repeat);
    pace->addStretch(1);

    auto* layout = new QVBoxLayout(m_eventsBox);
    layout->setSpacing(8);
    layout->addWidget(m_events, 1);
    layout->addLayout(pace);
    return m_eventsBox;
}

QWidget* RouteStreamTab::buildTokens(QWidget* parent)
{
    m_tokensBox = new QGroupBox(tr("Completion"), parent);
    m_tokensBox->setObjectName(QStringLiteral("sseTokensBox"));

    m_text = new QPlainTextEdit(m_tokensBox);
    m_text->setObjectName(QStringLiteral("sseTextEdit"));
    m_text->setTabChangesFocus(true);
    m_text->setPlaceholderText(
        tr("The completion's text, e.g. You asked: {{request.json.messages.0."
           "content}}"));
    connect(m_text, &QPlainTextEdit::textChanged, this, [this] {
        server::SseStream s = route().sse;
        s.text = toStd(m_text->toPlainText());
        if (s.text != route().sse.text)
            edit(s, QStringLiteral("sse/text"), tr("Edit completion text"));
    });
    auto* textLabel
        = new QLabel(tr("Te&xt (a template, split into tokens as it is sent):"), m_tokensBox);
    textLabel->setBuddy(m_text);

    m_model = new QLineEdit(m_tokensBox);
    m_model->setObjectName(QStringLiteral("sseModelEdit"));
    m_model->setFont(monospaceFont());
    m_model->setPlaceholderText(QStringLiteral("gpt-4o-mini"));
    m_model->setToolTip(tr("The \"model\" every chunk names"));
    connect(m_model, &QLineEdit::textEdited, this, [this](const QString& text) {
        server::SseStream s = route().sse;
        s.model = toStd(text.trimmed());
        edit(s, QStringLiteral("sse/model"), tr("Change model name"));
    });

    m_tokensPerSecond = new QDoubleSpinBox(m_tokensBox);
    m_tokensPerSecond->setObjectName(QStringLiteral("sseTokensPerSecondSpin"));
    m_tokensPerSecond->setRange(kMinTokensPerSecond, kMaxPerSecond);
    m_tokensPerSecond->setDecimals(2);
    m_tokensPerSecond->setSingleStep(5);
    m_tokensPerSecond->setAccelerated(true);
    m_tokensPerSecond->setSuffix(tr(" tokens per second"));
    connect(m_tokensPerSecond, &QDoubleSpinBox::valueChanged, this, [this](double perSecond) {
        server::SseStream s = route().sse;
        s.tokensPerSecond = perSecond;
        edit(s, QStringLiteral("sse/tokensPerSecond"), tr("Change token pace"));
    });

    m_tokensPerChunk = new QSpinBox(m_tokensBox);
    m_tokensPerChunk->setObjectName(QStringLiteral("sseTokensPerChunkSpin"));
    m_tokensPerChunk->setRange(1, kMaxTokensPerChunk);
    m_tokensPerChunk->setToolTip(tr("Tokens sent together in one chat.completion.chunk event"));
    connect(m_tokensPerChunk, &QSpinBox::valueChanged, this, [this](int count) {
        server::SseStream s = route().sse;
        s.tokensPerChunk = count;
        edit(s, QStringLiteral("sse/tokensPerChunk"), tr("Change tokens per chunk"));
    });

    m_estimate = noteLabel(m_tokensBox);
    m_estimate->setObjectName(QStringLiteral("sseEstimateLabel"));

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(tr("M&odel:"), m_model);
    form->addRow(tr("Pa&ce:"), m_tokensPerSecond);
    form->addRow(tr("Tokens &per chunk:"), m_tokensPerChunk);
    m_model->setMinimumWidth(m_model->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 28);

    auto* layout = new QVBoxLayout(m_tokensBox);
    layout->setSpacing(6);
    layout->addWidget(textLabel);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_estimate);
    layout->addSpacing(4);
    layout->addLayout(form);
    return m_tokensBox;
}

void RouteStreamTab::addStarter(server::SseStream* stream)
{
    if (stream->mode == server::SseMode::Events && stream->events.empty())
        stream->events.push_back(SseEventModel::starterEvent());
    if (stream->mode == server::SseMode::Tokens && stream->text.empty())
        stream->text = kStarterText;
}

void RouteStreamTab::edit(
    const server::SseStream& stream, const QString& mergeKey, const QString& undoText)
{
    server::Route r = route();
    r.sse = stream;
    commit(r, mergeKey, undoText);
}

void RouteStreamTab::showError(const QString& error)
{
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
}

void RouteStreamTab::showEstimate(const server::SseStream& s)
{
    const std::size_t tokens = server::countTokens(s.text);
    const double seconds = s.tokensPerSecond > 0 ? double(tokens) / s.tokensPerSecond : 0;
    const QLocale locale;
    m_estimate->setText(tr("About %1 tokens as written (template tags count as their text), "
                           "sent in about %2 s.")
                            .arg(locale.toString(qulonglong(tokens)))
                            .arg(locale.toString(seconds, 'f', seconds < 10 ? 1 : 0)));
}

void RouteStreamTab::load()
{
    const server::SseStream& s = route().sse;
    const bool tokens = s.mode == server::SseMode::Tokens;
    setQuietly(m_mode, &QComboBox::setCurrentIndex, m_mode->findData(int(s.mode)));
    m_modeNote->setText(tokens
            ? tr("Streams the text as an LLM API does: OpenAI-style chat.completion.chunk "
                 "events, a few tokens each, ended by data: [DONE].")
            : tr("Streams the events below as text/event-stream; a client that reconnects "
                 "with Last-Event-ID resumes after that event."));
    setQuietly(m_heartbeatOn, &QCheckBox::setChecked, s.heartbeatMs > 0);
    m_heartbeat->setEnabled(s.heartbeatMs > 0);
    if (s.heartbeatMs > 0)
        setQuietly(m_heartbeat, &QSpinBox::setValue, s.heartbeatMs);

    // Only the chosen mode's settings show; the other mode's are kept.
    m_eventsBox->setVisible(!tokens);
    m_tokensBox->setVisible(tokens);

    m_events->setEvents(s.events);
    m_events->setDelaysUsed(s.eventsPerSecond <= 0);
    setQuietly(m_repeat, &QCheckBox::setChecked, s.repeat);
    setQuietly(m_pace, &QDoubleSpinBox::setValue, s.eventsPerSecond);

    if (m_text->toPlainText() != toQt(s.text))
        setQuietly(m_text, &QPlainTextEdit::setPlainText, toQt(s.text));
    if (m_model->text().trimmed() != toQt(s.model))
        setQuietly(m_model, &QLineEdit::setText, toQt(s.model));
    setQuietly(m_tokensPerSecond, &QDoubleSpinBox::setValue, s.tokensPerSecond);
    setQuietly(m_tokensPerChunk, &QSpinBox::setValue, s.tokensPerChunk);
    showEstimate(s);
}

void RouteStreamTab::forget()
{
    showError({});
    // Another route opens on its first event, not on the row shown here.
    m_events->setEvents({});
}

} // namespace tollgate::ui
