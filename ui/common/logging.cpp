#include "ui/common/logging.h"

namespace tollgate::ui {

// Info and above by default: a user's terminal sees problems, not chatter.
Q_LOGGING_CATEGORY(lcEngine, "tollgate.engine", QtInfoMsg)
Q_LOGGING_CATEGORY(lcWorkspace, "tollgate.workspace", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "tollgate.ui", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSecrets, "tollgate.secrets", QtInfoMsg)

} // namespace tollgate::ui
