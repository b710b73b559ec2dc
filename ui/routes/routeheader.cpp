#include "ui/routes/routeheader.h"

#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/common/widgetfactory.h"

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
{
    m_method->setObjectName(QStringLiteral("methodCombo"));
    m_method->addItems(httpMethods());
    m_method->setToolTip(tr("HTTP method"));
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
    // The two radios are exclusive: the upstream one's toggle is every
    // change. Switching keeps both the responses and the upstream settings.
    connect(m_upstream, &QRadioButton::toggled, this, [this](bool on) {
        server::Route r = route();
        r.responder = on ? server::RouteResponder::Upstream : server::RouteResponder::Designed;
        if (on && r.upstream.url.empty())
            r.upstream.url = kStarterUpstreamUrl;
        commit(r, {}, on ? tr("Answer from an upstream") : tr("Answer with designed responses"));
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

    layout->addWidget(m_pathError);
    layout->addLayout(bottom);
}

void RouteHeader::load()
{
    const server::Route& r = route();
    setQuietly(m_method, &QComboBox::setCurrentText, toQt(r.method));
    // An invalid path the user is still typing stays; anything else shows
    // the stored value (undo, reload, another route).
    const QString path = toQt(r.path);
    const bool typingInvalid = m_path->hasFocus() && !m_pathError->text().isEmpty();
    if (m_path->text().trimmed() != path && !typingInvalid) {
        setQuietly(m_path, &QLineEdit::setText, path);
        setPathError({});
    }
    setQuietly(m_enabled, &QCheckBox::setChecked, r.enabled);
    if (m_description->text() != toQt(r.description))
        setQuietly(m_description, &QLineEdit::setText, toQt(r.description));
    const bool upstream = r.responder == server::RouteResponder::Upstream;
    const QSignalBlocker blockDesigned(m_designed);
    const QSignalBlocker blockUpstream(m_upstream);
    (upstream ? m_upstream : m_designed)->setChecked(true);
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
