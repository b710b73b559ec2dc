#pragma once

// $ref resolution across an imported document and its same-folder neighbours,
// and deterministic example values generated from JSON Schemas (OpenAPI 3.0
// and 3.1 dialects): the same schema always gives the same sample.

#include "server/interchange/sourcetree.h"

#include <boost/json/value.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tollgate::server {

/// A value found by following a $ref: where it lives, for nested refs and messages.
struct RefTarget {
    const boost::json::value* value = nullptr;
    const SourceTree* tree = nullptr;
    std::string pointer;
};

/// Follows "#/components/schemas/Pet" inside a document and
/// "common.yaml#/components/schemas/Money" into a file in the same folder as
/// the main document (loaded once). Refs leaving the folder or the machine
/// (http:, ../) are refused.
class RefResolver {
public:
    RefResolver(const SourceTree& main, std::filesystem::path folder);
    ~RefResolver();

    const SourceTree& main() const { return m_main; }

    /// Resolves ref as written in `from`. On failure returns a target with a
    /// null value and sets *error to a sentence.
    RefTarget resolve(std::string_view ref, const SourceTree& from, std::string* error);

    /// Follows $ref chains (up to 32 hops) from the value at (tree, pointer).
    RefTarget follow(const boost::json::value& value, const SourceTree& tree, std::string pointer,
        std::string* error);

    /// Files other than the main document that refs were read from.
    std::vector<std::string> externalFiles() const;

private:
    const SourceTree& m_main;
    std::filesystem::path m_folder;
    std::map<std::string, std::unique_ptr<SourceTree>> m_files;
    std::map<std::string, std::string> m_failedFiles; // file -> why
};

/// What a generated sample is for: a response leaves out writeOnly
/// properties, a request readOnly ones.
enum class SampleDirection { Response, Request };

struct SampleProblem {
    std::string where; ///< file:line
    std::string message;
};

/// A deterministic example for the schema at (tree, pointer): `example`,
/// `examples`, `default`, `const` and `enum` first, then types and formats,
/// with every property, arrays of one item (minItems when larger), allOf
/// merged, the first of oneOf / anyOf, and numbers and strings kept within
/// their bounds. Recursive schemas stop at their second visit (null, [] or {}).
/// Refs that cannot be followed become null and a problem.
boost::json::value sampleSchema(const boost::json::value& schema, const SourceTree& tree,
    const std::string& pointer, RefResolver& refs, SampleDirection direction,
    std::vector<SampleProblem>* problems);

/// The schema with every $ref replaced by what it points to (recursive refs
/// left as {} with a problem), for storing a self-contained request schema.
boost::json::value inlineRefs(const boost::json::value& schema, const SourceTree& tree,
    const std::string& pointer, RefResolver& refs, std::vector<SampleProblem>* problems);

} // namespace tollgate::server
