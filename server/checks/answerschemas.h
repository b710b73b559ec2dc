#pragma once

// The schemas of designed answers (Response::schema, an OpenAPI import's)
// for the requests of a run: a schema check on a saved request that has no
// schema of its own checks the answer against the one of the route that
// answered it, found by method and path the way the server finds routes.

#include "server/composer/composerrequest.h"
#include "server/routing/routetable.h"
#include "server/workspace/workspace.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tollgate::server {

class AnswerSchemas {
public:
    /// `baseUrl` is where these routes are served ("http://127.0.0.1:8080");
    /// requests elsewhere have no route schema.
    AnswerSchemas(const std::vector<Route>& routes, std::string baseUrl);

    /// The schema of the matching route's answer with `status` (the first
    /// such answer with one), for a request whose variables are filled in.
    std::optional<std::string> find(const ComposerRequest& request, int status) const;

private:
    struct Entry {
        std::string method;
        PathTemplate path;
        std::vector<std::pair<int, std::string>> schemas; ///< status, schema
    };
    std::vector<Entry> m_entries;
    std::string m_base;
    bool m_any = false; ///< some answer has a schema
};

} // namespace tollgate::server
