#include "ui/requests/environmentpicker.h"

#include "ui/common/convert.h"
#include "ui/common/settings.h"
#include "ui/document/workspacedocument.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QToolButton>

namespace tollgate::ui {

EnvironmentPicker::EnvironmentPicker(
    const WorkspaceDocument* document, QAction* editAction, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_combo(new QComboBox(this))
{
    m_combo->setObjectName(QStringLiteral("environmentCombo"));
    m_combo->setToolTip(tr("The environment whose {{variables}} the request uses"));
    m_combo->setMinimumContentsLength(12);
    connect(m_combo, &QComboBox::currentTextChanged, this, &EnvironmentPicker::remember);
    auto* edit = new QToolButton(this);
    edit->setObjectName(QStringLiteral("environmentsButton"));
    edit->setDefaultAction(editAction);
    edit->setAutoRaise(true);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(new QLabel(tr("Environment:"), this));
    layout->addWidget(m_combo);
    layout->addWidget(edit);

    connect(document, &WorkspaceDocument::environmentsChanged, this, &EnvironmentPicker::reload);
}

EnvironmentPicker::~EnvironmentPicker() = default;

QString EnvironmentPicker::current() const
{
    return m_combo->currentText();
}

void EnvironmentPicker::setCurrent(const QString& name)
{
    const int index = m_combo->findText(name);
    if (index >= 0)
        m_combo->setCurrentIndex(index);
}

void EnvironmentPicker::reload()
{
    QString wanted = m_combo->currentText();
    if (m_document->isOpen() && wanted.isEmpty())
        wanted = settings::composerEnvironment(m_document->directory()).read();
    const QSignalBlocker block(m_combo);
    m_combo->clear();
    for (const server::Environment& e : m_document->environments())
        m_combo->addItem(toQt(e.name));
    const int index = m_combo->findText(wanted);
    m_combo->setCurrentIndex(index >= 0 ? index : 0);
}

void EnvironmentPicker::remember(const QString& name) const
{
    if (m_document->isOpen() && !name.isEmpty())
        settings::composerEnvironment(m_document->directory()).write(name);
}

} // namespace tollgate::ui
