#include "server/interchange/importedapi.h"

#include "server/interchange/formats.h"
#include "server/interchange/openapiimport.h"
#include "server/interchange/sourcetree.h"

#include <boost/json/value.hpp>

#include <algorithm>
#include <cstdlib>

namespace tollgate::server {

namespace json = boost::json;

const char* toString(ImportNote::Kind kind)
{
    switch (kind) {
    case ImportNote::Kind::Skipped:
        return "skipped";
    case ImportNote::Kind::Approximated:
        return "approximated";
    }
    return "skipped";
}

void sortNotes(std::vector<ImportNote>& notes)
{
    struct Key {
        std::string_view file;
        long line;
    };
    auto key = [](const ImportNote& n) {
        const std::size_t colon = n.where.rfind(':');
        if (colon == std::string::npos)
            return Key { n.where, 0 };
        char* end = nullptr;
        const long line = std::strtol(n.where.c_str() + colon + 1, &end, 10);
        if (end == n.where.c_str() + colon + 1 || *end != '\0')
            return Key { n.where, 0 };
        return Key { std::string_view(n.where).substr(0, colon), line };
    };
    std::stable_sort(notes.begin(), notes.end(), [&](const ImportNote& a, const ImportNote& b) {
        const Key ka = key(a);
        const Key kb = key(b);
        return ka.file != kb.file ? ka.file < kb.file : ka.line < kb.line;
    });
}

ImportResult importFile(const std::filesystem::path& file, const ImportOptions& options)
{
    ImportResult result;
    SourceTree tree;
    Diagnostic error;
    if (!SourceTree::read(file, &tree, &error)) {
        result.errors.push_back(std::move(error));
        return result;
    }
    const std::filesystem::path folder = file.parent_path().empty() ? "." : file.parent_path();
    switch (detectFormat(tree)) {
    case ImportFormat::OpenApi:
        result = importOpenApi(tree, folder, options);
        break;
    case ImportFormat::Mockoon:
        result = importMockoon(tree, options);
        break;
    case ImportFormat::PostmanCollection:
        result = importPostmanCollection(tree, options);
        break;
    case ImportFormat::PostmanEnvironment:
        result = importPostmanEnvironment(tree, options);
        break;
    case ImportFormat::Har:
        result = importHar(tree, options);
        break;
    case ImportFormat::Unknown:
        result.errors.push_back(tree.diagnostic("",
            "not a file Tollgate imports: expected an OpenAPI 3 document (JSON or YAML), a "
            "Mockoon environment, a Postman collection v2.1 or environment, or a HAR 1.2 file"));
        break;
    }
    sortNotes(result.api.notes);
    return result;
}

ImportFormat detectFormat(const SourceTree& tree)
{
    const json::object* root = tree.root().if_object();
    if (!root)
        return ImportFormat::Unknown;
    if (looksLikeOpenApi(tree))
        return ImportFormat::OpenApi;
    if (const json::value* log = root->if_contains("log");
        log && log->is_object() && log->get_object().contains("entries"))
        return ImportFormat::Har;
    if (const json::value* info = root->if_contains("info"); info && info->is_object()) {
        const json::object& i = info->get_object();
        if (const json::value* schema = i.if_contains("schema");
            schema && schema->is_string()
            && std::string_view(schema->get_string()).find("getpostman.com") != std::string_view::npos)
            return ImportFormat::PostmanCollection;
        if (i.contains("_postman_id") && root->contains("item"))
            return ImportFormat::PostmanCollection;
    }
    if (root->contains("_postman_variable_scope") && root->contains("values"))
        return ImportFormat::PostmanEnvironment;
    if (root->contains("lastMigration") && root->contains("routes"))
        return ImportFormat::Mockoon;
    return ImportFormat::Unknown;
}

} // namespace tollgate::server
