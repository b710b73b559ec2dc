#pragma once

// Validating request bodies against the JSON Schemas of an imported API
// description: the keywords OpenAPI 3.0 and 3.1 schemas use for data (type
// with 3.0's nullable, enum, const, properties, required,
// additionalProperties, patternProperties, items / prefixItems, min/max
// items, uniqueItems, the numeric and length bounds, multipleOf, pattern,
// allOf / anyOf / oneOf / not). Formats are annotations and not checked,
// $refs must be inlined first. Compiled once (patterns included); validating
// is read-only, so one validator serves every thread.

#include <boost/json/value.hpp>

#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tollgate::server {

struct SchemaViolation {
    std::string pointer; ///< JSON pointer of the failing value in the body ("" = the root)
    std::string message; ///< "must be an integer", "missing required property \"id\""
};

class JsonSchemaValidator {
public:
    /// Compiles schema text; false with *error for text that is not a JSON
    /// object/boolean or holds a pattern std::regex (ECMAScript) refuses.
    static bool compile(std::string_view schemaText, JsonSchemaValidator* out, std::string* error);

    /// The first violation found (an object's missing required members before its
    /// members' values), or nothing when the value is valid.
    std::optional<SchemaViolation> validate(const boost::json::value& value) const;

private:
    struct Compiled {
        boost::json::value schema;
        std::unordered_map<const void*, std::regex> patterns;
    };
    std::shared_ptr<const Compiled> m_compiled;
    friend class SchemaWalker;
};

} // namespace tollgate::server
