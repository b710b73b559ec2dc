#include "server/interchange/formats.h"

namespace tollgate::server {
ImportResult importHar(const SourceTree& tree, const ImportOptions&) { ImportResult r; r.errors.push_back(tree.diagnostic("", "PENDING")); return r; }
}
