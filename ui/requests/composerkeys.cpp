#include "ui/requests/composerkeys.h"

#include "ui/common/convert.h"
#include "ui/common/secretstore.h"

#include <QDateTime>

#include <algorithm>

namespace tollgate::ui {

server::ComposerRequest withKeyReference(
    server::ComposerRequest r, const std::vector<server::ApiKey>& keys, SecretStore* secrets)
{
    // The secret would otherwise end up in a file that is committed.
    if (r.keyId.empty() && !r.token.empty()
        && server::checkKeyFormat(r.token) == server::KeyFormat::Ok) {
        const std::string hash = server::toHex(server::sha256(r.token));
        for (const server::ApiKey& key : keys) {
            if (key.hash == hash) {
                secrets->store(toQt(key.id), toQt(r.token));
                r.keyId = key.id;
                r.token.clear();
                break;
            }
        }
    }
    if (!r.keyId.empty())
        r.token.clear();
    return r;
}

std::string usableKeyFor(
    const server::Route& route, const std::vector<server::ApiKey>& keys, const SecretStore& secrets)
{
    const std::int64_t now = QDateTime::currentSecsSinceEpoch();
    for (const server::ApiKey& key : keys) {
        if (server::keyState(key, now) != server::KeyState::Active || !secrets.knows(toQt(key.id)))
            continue;
        const bool scoped = std::all_of(
            route.access.scopes.begin(), route.access.scopes.end(), [&](const std::string& scope) {
                return std::find(key.scopes.begin(), key.scopes.end(), scope) != key.scopes.end();
            });
        if (scoped)
            return key.id;
    }
    return {};
}

} // namespace tollgate::ui
