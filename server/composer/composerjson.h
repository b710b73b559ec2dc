#pragma once

// A composer request as saved-request files and history lines hold it:
// method, url, headers, body, auth, options. The token of a request that
// names a workspace key (keyId) is never written.

#include "server/composer/composerrequest.h"
#include "server/workspace/jsonfile.h"

#include <boost/json/object.hpp>

#include <string>

namespace tollgate::server {

/// Appends the request's members to o in the files' stable order.
void writeComposerRequest(const ComposerRequest& request, boost::json::object* o);
/// Reads the members writeComposerRequest writes; absent ones keep defaults.
void readComposerRequest(jsonfile::Reader& r, const boost::json::object& o,
    const std::string& pointer, ComposerRequest* out);

/// The request's tests as saved: {"assertions": [...], "captures": [...]}.
boost::json::object writeRequestChecks(const RequestChecks& checks);
/// Reads what writeRequestChecks writes, reporting what cannot be checked.
void readRequestChecks(jsonfile::Reader& r, const boost::json::object& o,
    const std::string& pointer, RequestChecks* out);

} // namespace tollgate::server
