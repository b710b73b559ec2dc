#include "ui/keys/keyactions.h"

#include "ui/common/convert.h"
#include "ui/common/secretstore.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/servercontroller.h"
#include "ui/keys/createkeydialog.h"
#include "ui/keys/keyfilterproxy.h"
#include "ui/keys/keylistsection.h"
#include "ui/keys/keytablemodel.h"
#include "ui/keys/newkeydialog.h"
#include "ui/keys/rotatekeydialog.h"

#include <QAction>
#include <QDateTime>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>

namespace tollgate::ui {

namespace {

// The key text leaves memory we own as soon as it is handed to the dialog.
void wipe(std::string* secret)
{
    volatile char* p = secret->data();
    for (std::size_t i = 0; i < secret->size(); ++i)
        p[i] = '\0';
    secret->clear();
}

} // namespace

KeyActions::KeyActions(WorkspaceDocument* document, ServerController* server, KeyListSection* keys,
    QWidget* dialogParent)
    : QObject(dialogParent)
    , m_document(document)
    , m_server(server)
    , m_keys(keys)
    , m_dialogParent(dialogParent)
    , m_newKey(new QAction(tr("&New Key…"), this))
    , m_rotateKey(new QAction(tr("&Rotate Key…"), this))
    , m_revokeKey(new QAction(tr("Re&voke Key…"), this))
    , m_changeTierMenu(new QMenu(tr("Change &Tier"), dialogParent))
{
    m_newKey->setObjectName(QStringLiteral("newKeyAction"));
    m_newKey->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    m_newKey->setIcon(QIcon::fromTheme(QStringLiteral("list-add")));
    m_newKey->setIconText(tr("New Key"));
    m_newKey->setToolTip(tr("Create an API key (Ctrl+Shift+K)"));
    connect(m_newKey, &QAction::triggered, this, &KeyActions::showCreateDialog);

    m_rotateKey->setObjectName(QStringLiteral("rotateKeyAction"));
    m_rotateKey->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh")));
    m_rotateKey->setIconText(tr("Rotate"));
    m_rotateKey->setToolTip(tr("Replace the selected key with a new one; the old one works for a "
                               "grace period"));
    connect(m_rotateKey, &QAction::triggered, this, &KeyActions::showRotateDialog);

    m_revokeKey->setObjectName(QStringLiteral("revokeKeyAction"));
    m_revokeKey->setIcon(QIcon::fromTheme(QStringLiteral("edit-delete")));
    m_revokeKey->setIconText(tr("Revoke"));
    m_revokeKey->setToolTip(tr("Stop the selected keys from working, at once and for good"));
    connect(m_revokeKey, &QAction::triggered, this, &KeyActions::confirmRevoke);

    m_changeTierMenu->setObjectName(QStringLiteral("changeTierMenu"));
    m_changeTierMenu->menuAction()->setIconText(tr("Change Tier"));
    m_changeTierMenu->menuAction()->setToolTip(tr("Move the selected keys to another tier"));

    for (const auto signal : { &WorkspaceDocument::keysChanged, &WorkspaceDocument::keysReset,
             &WorkspaceDocument::tiersChanged, &WorkspaceDocument::tiersReset })
        connect(document, signal, this, [this] {
            rebuildTierMenu();
            updateActions();
        });
    connect(document, &WorkspaceDocument::opened, this, &KeyActions::updateActions);
    connect(document, &WorkspaceDocument::closed, this, &KeyActions::updateActions);
    connect(keys, &KeyListSection::selectionChanged, this, &KeyActions::updateActions);
    connect(keys, &KeyListSection::currentKeyChanged, this, &KeyActions::updateActions);
    rebuildTierMenu();
    updateActions();
}

std::int64_t KeyActions::now() const
{
    return m_keys->model()->now();
}

QString KeyActions::keyName(const server::ApiKey& key) const
{
    return key.label.empty() ? QString(toQt(key.prefix) + QChar(0x2026)) : toQt(key.label);
}

QString KeyActions::createKey(const server::KeyOptions& options)
{
    server::NewKey created;
    std::string error;
    if (!server::createKey(
            m_document->workspace().server.environment, options, now(), &created, &error)) {
        Q_EMIT message(tr("Could not create the key: %1").arg(toQt(error)));
        return {};
    }
    const QString id = toQt(created.record.id);
    const QString name = keyName(created.record);
    std::vector<server::ApiKey> keys = m_document->keys();
    keys.push_back(created.record);
    m_document->setKeys(keys, tr("Create key %1").arg(name));
    m_keys->selectKey(id);
    if (m_secrets)
        m_secrets->store(id, toQt(created.secret));
    showSecret(tr("Key for %1 created").arg(name), &created.secret);
    Q_EMIT message(tr("Created key %1. Copy it now: it is shown only once.").arg(name));
    return id;
}

QString KeyActions::rotateKey(const QString& id, std::int64_t graceSeconds)
{
    const server::ApiKey* old = server::findKey(m_document->keys(), toStd(id));
    if (!old)
        return {};
    const QString name = keyName(*old);
    if (server::keyState(*old, now()) != server::KeyState::Active) {
        Q_EMIT message(tr("Only an active key can be rotated; %1 is not.").arg(name));
        return {};
    }
    std::vector<server::ApiKey> keys = m_document->keys();
    server::NewKey fresh;
    std::string error;
    if (!server::rotateKey(&keys, toStd(id), graceSeconds,
            m_document->workspace().server.environment, now(), &fresh, &error)) {
        Q_EMIT message(tr("Could not rotate the key: %1").arg(toQt(error)));
        return {};
    }
    const QString newId = toQt(fresh.record.id);
    m_document->setKeys(keys, tr("Rotate key %1").arg(name));
    if (graceSeconds <= 0)
        m_server->applyNow(); // the old key stops now, not after the debounce
    m_keys->selectKey(newId);
    if (m_secrets)
        m_secrets->store(newId, toQt(fresh.secret));
    showSecret(tr("Key for %1 rotated").arg(name), &fresh.secret);
    const server::ApiKey* previous = server::findKey(m_document->keys(), toStd(id));
    if (graceSeconds > 0 && previous)
        Q_EMIT message(tr("Rotated %1. The old key keeps working until %2.")
                           .arg(name,
                               QLocale().toString(QDateTime::fromSecsSinceEpoch(previous->expires),
                                   QLocale::ShortFormat)));
    else
        Q_EMIT message(tr("Rotated %1. The old key no longer works.").arg(name));
    return newId;
}

bool KeyActions::revokeKeys(const QStringList& ids)
{
    int revoked = 0;
    for (const QString& id : ids) {
        QString error;
        // The document tells the server controller, which applies at once.
        if (m_document->revokeKey(id, now(), &error)) {
            ++revoked;
            if (m_secrets)
                m_secrets->forget(id); // a revoked key never works again
        } else
            Q_EMIT message(error);
    }
    if (revoked == 0)
        return false;
    // On disk at once too: tollgated instances sharing the workspace read
    // keys.json, and a revocation must not wait for the autosave.
    m_document->saveNow();
    Q_EMIT message(
        tr("Revoked %n key(s); requests with them are refused from now on.", nullptr, revoked));
    return revoked == int(ids.size());
}

void KeyActions::changeTier(const QStringList& ids, const QString& tierId)
{
    const server::Tier* tier = server::findTier(m_document->tiers(), toStd(tierId));
    if (!tier)
        return;
    std::vector<server::ApiKey> keys = m_document->keys();
    int moved = 0;
    for (server::ApiKey& key : keys) {
        if (key.revoked == 0 && key.tier != tier->id && ids.contains(toQt(key.id))) {
            key.tier = tier->id;
            ++moved;
        }
    }
    if (moved == 0)
        return;
    const QString tierName = toQt(tier->name.empty() ? tier->id : tier->name);
    m_document->setKeys(keys, tr("Move %n key(s) to tier %1", nullptr, moved).arg(tierName));
    Q_EMIT message(tr("Moved %n key(s) to tier %1.", nullptr, moved).arg(tierName));
}

void KeyActions::showCreateDialog()
{
    if (!m_document->isOpen() || m_document->tiers().empty())
        return;
    auto* dialog = new CreateKeyDialog(m_document->tiers(), m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The tier being looked at is the likely one.
    if (!m_keys->proxy()->tierFilter().isEmpty())
        dialog->setTier(m_keys->proxy()->tierFilter());
    connect(dialog, &QDialog::accepted, this, [this, dialog] { createKey(dialog->options()); });
    dialog->open();
}

void KeyActions::showRotateDialog()
{
    const QStringList ids = m_keys->selectedKeyIds();
    if (ids.size() != 1)
        return;
    const server::ApiKey* key = server::findKey(m_document->keys(), toStd(ids.front()));
    if (!key)
        return;
    auto* dialog = new RotateKeyDialog(keyName(*key), m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString id = ids.front();
    connect(dialog, &QDialog::accepted, this,
        [this, dialog, id] { rotateKey(id, dialog->graceSeconds()); });
    dialog->open();
}

void KeyActions::confirmRevoke()
{
    QStringList ids;
    for (const QString& id : m_keys->selectedKeyIds()) {
        const server::ApiKey* key = server::findKey(m_document->keys(), toStd(id));
        if (key && key->revoked == 0)
            ids << id;
    }
    if (ids.isEmpty())
        return;
    QString text;
    if (ids.size() == 1)
        text = tr("Revoke the key %1?")
                   .arg(keyName(*server::findKey(m_document->keys(), toStd(ids.front()))));
    else
        text = tr("Revoke %n keys?", nullptr, int(ids.size()));
    auto* box = new QMessageBox(
        QMessageBox::Warning, tr("Revoke API Key"), text, QMessageBox::NoButton, m_dialogParent);
    box->setObjectName(QStringLiteral("revokeConfirmation"));
    box->setInformativeText(tr("The running server refuses requests with it from the next request "
                               "on. This cannot be undone: if the client needs access again, "
                               "create a new key."));
    QPushButton* revoke = box->addButton(tr("Revoke"), QMessageBox::DestructiveRole);
    revoke->setObjectName(QStringLiteral("confirmRevokeButton"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, revoke, ids] {
        if (box->clickedButton() == revoke)
            revokeKeys(ids);
    });
    box->open();
}

void KeyActions::showSecret(const QString& title, std::string* secret)
{
    auto* dialog = new NewKeyDialog(title, toQt(*secret), m_dialogParent);
    wipe(secret);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void KeyActions::rebuildTierMenu()
{
    m_changeTierMenu->clear();
    for (const server::Tier& t : m_document->tiers()) {
        QAction* a = m_changeTierMenu->addAction(toQt(t.name.empty() ? t.id : t.name));
        a->setObjectName(QStringLiteral("changeTier-") + toQt(t.id));
        const QString id = toQt(t.id);
        connect(
            a, &QAction::triggered, this, [this, id] { changeTier(m_keys->selectedKeyIds(), id); });
    }
}

void KeyActions::updateActions()
{
    const bool open = m_document->isOpen();
    const QStringList ids = m_keys->selectedKeyIds();
    int active = 0;
    int notRevoked = 0;
    for (const QString& id : ids) {
        const server::ApiKey* key = server::findKey(m_document->keys(), toStd(id));
        if (!key)
            continue;
        active += server::keyState(*key, now()) == server::KeyState::Active ? 1 : 0;
        notRevoked += key->revoked == 0 ? 1 : 0;
    }
    m_newKey->setEnabled(open && !m_document->tiers().empty());
    m_rotateKey->setEnabled(ids.size() == 1 && active == 1);
    m_revokeKey->setEnabled(notRevoked > 0);
    m_changeTierMenu->menuAction()->setEnabled(notRevoked > 0 && !m_document->tiers().empty());
}

} // namespace tollgate::ui
