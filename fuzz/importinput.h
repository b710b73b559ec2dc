#pragma once

// What the importer harnesses share: the input read as an import file is,
// JSON or YAML, into a SourceTree.

#include "fuzzinput.h"

#include "server/interchange/sourcetree.h"

#include <optional>
#include <string>

namespace tollgate::fuzz {

/// The input as a parsed document named `name`, or nothing when it does not
/// parse (which the SourceTree harness paths cover on their own).
inline std::optional<server::SourceTree> importSource(
    const std::uint8_t* data, std::size_t size, const char* name)
{
    server::SourceTree tree;
    server::Diagnostic error;
    if (!server::SourceTree::parse(asText(data, size), name, &tree, &error))
        return std::nullopt;
    return tree;
}

} // namespace tollgate::fuzz
