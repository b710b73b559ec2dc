#include "ui/routes/routeheader.h"

#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/common/widgetfactory.h"
#include "ui/routes/routestreamtab.h"
#include "ui/routes/routewebsockettab.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace tollgate::ui {

RouteHeader::RouteHeader(QWidget* parent)
    : RouteSection(parent)
    , m_method(new QComboBox(this))
    , m_path(new QLineEdit(this))
    , m_pathError(errorLabel(QStringLiteral("pathErrorLabel"), this))
    , m_enabled(new QCheckBox(tr("&Enabled"), this))
    , m_description(new QLineEdit(this))
    , m_designed(new QRadioButton(tr("Desi&gned responses"), this))
    , m_upstream(new QRadioButton(tr("&Upstream (a real API)"), this))
    , m_sse(new QRadioButton(tr("S&tream (SSE)"), this))
    , m_websocket(new QRadioButton(tr("&WebSocket"), this))
    , m_responders(new QButtonGroup(this))
{
    m_method->setObjectName(QStringLiteral("methodCombo"));
    m_method->addItems(httpMethods());
    m_method->setToolTip(methodTip());
    {
        QFont f = monospaceFont();
        f.setBold(true);
        m_method->setFont(f);
    }
    connect(m_method, &QComboBox::currentTextChanged, this, [this](const QString& method) {
        server::Route r = route();
        r.method = toStd(method);
        commit(r, QStringLiteral("method"), tr("Change method"));
    });

    m_path->setObjectName(QStringLiteral("pathEdit"));
    m_path->setFont(monospaceFont());
    m_path->setPlaceholderText(QStringLiteral("/v1/users/{id}"));
    m_path->setToolTip(tr("Path template: literal segments, {name} parameters and a trailing *"));
    connect(m_path, &QLineEdit::textEdited, this, [this](const QString& text) {
        const QString path = text.trimmed();
        if (!path.startsWith(QLatin1Char('/'))) {
            setPathError(tr("The path must start with '/'."));
            return;
        }
        if (path.contains(QLatin1Char(' '))) {
            setPathError(tr("The path must not contain spaces (use %20)."));
            return;
        }
        setPathError({});
        server::Route r = route();
        r.path = toStd(path);
        commit(r, QStringLiteral("path"), tr("Change path"));
    });
    connect(m_path, &QLineEdit::editingFinished, this, [this] {
        // Leaving an invalid path shows the stored one again.
        if (!hasRoute())
            return;
        const QString stored = toQt(route().path);
        if (m_path->text().trimmed() != stored) {
            m_path->setText(stored);
            setPathError({});
        }
    });

    m_enabled->setObjectName(QStringLiteral("enabledCheck"));
    m_enabled->setToolTip(tr("Disabled routes are kept but not served"));
    connect(m_enabled, &QCheckBox::toggled, this, [this](bool on) {
        server::Route r = route();
        r.enabled = on;
        commit(r, {}, on ? tr("Enable route") : tr("Disable route"));
    });

    m_description->setObjectName(QStringLiteral("descriptionEdit"));
    m_description->setPlaceholderText(tr("What this route is for (optional)"));
    connect(m_description, &QLineEdit::textEdited, this, [this](const QString& text) {
        server::Route r = route();
        r.description = toStd(text);
        commit(r, QStringLiteral("description"), tr("Edit description"));
    });

    m_designed->setObjectName(QStringLiteral("designedResponderRadio"));
    m_designed->setToolTip(tr("Answer with the responses designed in the Responses tab"));
    m_upstream->setObjectName(QStringLiteral("upstreamResponderRadio"));
    m_upstream->setToolTip(tr("Forward requests to a real API and answer with what it says; "
                              "keys, limits, metering and fault injection still apply"));
    m_sse->setObjectName(QStringLiteral("sseResponderRadio"));
    m_sse->setToolTip(tr("Answer with a Server-Sent Events stream: scripted events or an LLM "
                         "completion, token by token, set in the Stream tab"));
    m_websocket->setObjectName(QStringLiteral("websocketResponderRadio"));
    m_websocket->setToolTip(tr("Accept WebSocket connections (a GET asking for an upgrade): "
                               "messages on open, rules that answer incoming messages, echo, "
                               "set in the WebSocket tab"));
    // Every change of responder is the one radio that turns on. Switching
    // keeps the settings of the others (responses, upstream, stream,
    // WebSocket).
    m_responders->addButton(m_designed, int(server::RouteResponder::Designed));
    m_responders->addButton(m_upstream, int(server::RouteResponder::Upstream));
    m_responders->addButton(m_sse, int(server::RouteResponder::Sse));
    m_responders->addButton(m_websocket, int(server::RouteResponder::WebSocket));
    connect(m_responders, &QButtonGroup::idToggled, this, [this](int id, bool on) {
        if (on)
            setResponder(server::RouteResponder(id));
    });

    auto* tryIt = new QToolButton(this);
    tryIt->setObjectName(QStringLiteral("tryItButton"));
    tryIt->setText(tr("Try It"));
    tryIt->setIcon(QIcon::fromTheme(QStringLiteral("media-playback-start")));
    tryIt->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tryIt->setToolTip(tr("Open this route in the request composer with a matching example "
                         "(Ctrl+Shift+Return)"));
    tryIt->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
    connect(tryIt, &QToolButton::clicked, this, [this] {
        if (hasRoute())
            Q_EMIT tryItRequested();
    });

    auto* top = new QHBoxLayout;
    top->setSpacing(6);
    top->addWidget(m_method);
    top->addWidget(m_path, 1);
    top->addSpacing(8);
    top->addWidget(m_enabled);
    top->addWidget(tryIt);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(top);
    auto* answers = new QLabel(tr("Answers with:"), this);
    auto* bottom = new QHBoxLayout;
    bottom->setSpacing(6);
    bottom->addWidget(m_description, 1);
    bottom->addSpacing(8);
    bottom->addWidget(answers);
    bottom->addWidget(m_designed);
    bottom->addWidget(m_upstream);
    bottom->addWidget(m_sse);
    bottom->addWidget(m_websocket);

    layout->addWidget(m_pathError);
    layout->addLayout(bottom);
}

void RouteHeader::load()
{
    const server::Route& r = route();
    setQuietly(m_method, &QComboBox::setCurrentText, toQt(r.method));
    // Every client opens a WebSocket with GET (RFC 6455 4.1): the route file
    // refuses another method, so there is none to choose.
    const bool websocket = r.responder == server::RouteResponder::WebSocket;
    m_method->setEnabled(!websocket);
    m_method->setToolTip(methodTip(websocket));
    // An invalid path the user is still typing stays; anything else shows
    // the stored value (undo, reload, another route).
    const QString path = toQt(r.path);
    const bool typingInvalid = m_path->hasFocus() && !m_pathError->text().isEmpty();
    if (m_path->text().trimmed() != path && !typingInvalid) {
        setQuietly(m_path, &QLineEdit::setText, path);
        setPathError({});
    }
    setQuietly(m_enabled, &QCheckBox::setChecked, r.enabled);
    if (m_description->text() != toQt(r.description)) {
        setQuietly(m_description, &QLineEdit::setText, toQt(r.description));
        // A description longer than the field shows its start, not its end.
        if (!m_description->hasFocus())
            m_description->setCursorPosition(0);
    }
    // The group reports the radios' toggles: quiet it, not the radio.
    if (QAbstractButton* radio = m_responders->button(int(r.responder))) {
        const QSignalBlocker blocker(m_responders);
        radio->setChecked(true);
    }
}

void RouteHeader::setResponder(server::RouteResponder responder)
{
    server::Route r = route();
    if (r.responder == responder)
        return;
    r.responder = responder;
    QString undoText;
    switch (responder) {
    case server::RouteResponder::Designed:
        undoText = tr("Answer with designed responses");
        break;
    case server::RouteResponder::Upstream:
        // A route file needs a URL: a local API's, to type over.
        if (r.upstream.url.empty())
            r.upstream.url = kStarterUpstreamUrl;
        undoText = tr("Answer from an upstream");
        break;
    case server::RouteResponder::Sse:
        // A route file needs something to stream: a first event.
        RouteStreamTab::addStarter(&r.sse);
        undoText = tr("Answer with an event stream");
        break;
    case server::RouteResponder::WebSocket:
        // A WebSocket is opened with GET: the route takes it in the same
        // step, so one undo brings back the method with the responder.
        undoText = r.method == "GET" ? tr("Answer with a WebSocket")
                                     : tr("Answer with a WebSocket (method GET)");
        r.method = "GET";
        RouteWebSocketTab::addStarter(&r.websocket);
        break;
    }
    commit(r, {}, undoText);
}

QString RouteHeader::methodTip(bool websocket)
{
    return websocket ? tr("A WebSocket route's method is GET: every client opens a WebSocket "
                          "with a GET request")
                     : tr("HTTP method");
}

void RouteHeader::forget()
{
    setPathError({});
}

void RouteHeader::setPathError(const QString& error)
{
    m_pathError->setText(error);
    m_pathError->setVisible(!error.isEmpty());
}

} // namespace tollgate::ui
