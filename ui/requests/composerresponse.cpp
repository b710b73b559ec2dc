#include "ui/requests/composerresponse.h"

namespace tollgate::ui {

int indexOfHeader(const RawHeaders& headers, const QByteArray& name)
{
    for (int i = 0; i < headers.size(); ++i) {
        if (headers[i].first.compare(name, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

QByteArray ComposerResponse::header(const QByteArray& name) const
{
    const int i = indexOfHeader(headers, name);
    return i < 0 ? QByteArray() : headers[i].second;
}

} // namespace tollgate::ui
