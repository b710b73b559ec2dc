#include "server/interchange/formats.h"

namespace tollgate::server {
ImportResult importPostmanCollection(const SourceTree& tree, const ImportOptions&) { ImportResult r; r.errors.push_back(tree.diagnostic("", "PENDING")); return r; }
ImportResult importPostmanEnvironment(const SourceTree& tree, const ImportOptions&) { ImportResult r; r.errors.push_back(tree.diagnostic("", "PENDING")); return r; }
}
