#include "server/checks/answerschemas.h"

#include "server/common/text.h"

namespace tollgate::server {

AnswerSchemas::AnswerSchemas(const std::vector<Route>& routes, std::string baseUrl)
    : m_base(std::move(baseUrl))
{
    while (!m_base.empty() && m_base.back() == '/')
        m_base.pop_back();
    for (const Route& route : routes) {
        Entry e;
        for (const Response& r : route.responses)
            if (!r.schema.empty())
                e.schemas.emplace_back(r.status, r.schema);
        m_any = m_any || !e.schemas.empty();
        // Routes without a schema stay: a more specific one answers instead.
        std::string ignored;
        if (!e.path.parse(route.path, &ignored))
            continue;
        e.method = route.method;
        m_entries.push_back(std::move(e));
    }
}

std::optional<std::string> AnswerSchemas::find(const ComposerRequest& request, int status) const
{
    const std::string_view url = request.url;
    if (!m_any || m_base.empty() || !url.starts_with(m_base))
        return std::nullopt;
    std::string_view rest = url.substr(m_base.size());
    rest = rest.substr(0, rest.find_first_of("?#"));
    if (rest.empty() || rest.front() != '/')
        return std::nullopt;
    const auto path = percentDecode(rest);
    if (!path)
        return std::nullopt;
    const std::string method = request.method.empty() ? std::string("GET") : request.method;
    // The most specific template wins, then the earliest, as in RouteTable.
    const Entry* best = nullptr;
    for (const Entry& e : m_entries)
        if (e.method == method && (!best || e.path.specificity() > best->path.specificity())
            && e.path.match(*path, nullptr))
            best = &e;
    if (!best)
        return std::nullopt;
    for (const auto& [s, schema] : best->schemas)
        if (s == status)
            return schema;
    return std::nullopt;
}

} // namespace tollgate::server
