#pragma once

// How requests in the composer refer to the workspace's keys: by id, with
// the secret held by SecretStore, so no key ends up in a workspace file.

#include "server/access/apikey.h"
#include "server/composer/composerrequest.h"
#include "server/workspace/workspace.h"

#include <string>
#include <vector>

namespace tollgate::ui {

class SecretStore;

/// r as it may be written to a file (saved request, history, draft): a pasted
/// token that is one of keys becomes a reference to it (its secret is kept in
/// secrets), and a request that refers to a key holds no token.
server::ComposerRequest withKeyReference(
    server::ComposerRequest r, const std::vector<server::ApiKey>& keys, SecretStore* secrets);

/// The first active key that may call route and whose secret this app
/// holds, or an empty id.
std::string usableKeyFor(const server::Route& route, const std::vector<server::ApiKey>& keys,
    const SecretStore& secrets);

} // namespace tollgate::ui
