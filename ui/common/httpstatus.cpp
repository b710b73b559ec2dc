#include "ui/common/httpstatus.h"

#include "server/common/httpstatus.h"

#include <QLatin1String>

namespace tollgate::ui {

QString reasonPhrase(int status)
{
    return QLatin1String(server::reasonPhrase(status));
}

} // namespace tollgate::ui
