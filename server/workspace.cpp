#include "server/workspace.h"

namespace tollgate::server {

// These spellings are the on-disk vocabulary of route files (see
// workspacestore.cpp), so changing one is a schema change.

const char* toString(RuleSource source)
{
    switch (source) {
    case RuleSource::PathParam:
        return "pathParam";
    case RuleSource::Query:
        return "query";
    case RuleSource::Header:
        return "header";
    case RuleSource::Body:
        return "body";
    }
    return "query";
}

const char* toString(RuleOperator op)
{
    switch (op) {
    case RuleOperator::Equals:
        return "equals";
    case RuleOperator::Regex:
        return "regex";
    case RuleOperator::Exists:
        return "exists";
    }
    return "equals";
}

const char* toString(ResponseMode mode)
{
    switch (mode) {
    case ResponseMode::Rules:
        return "rules";
    case ResponseMode::Random:
        return "random";
    case ResponseMode::Sequential:
        return "sequential";
    }
    return "rules";
}

} // namespace tollgate::server
