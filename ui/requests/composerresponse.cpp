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

bool ComposerResponse::isEventStream() const
{
    const QByteArray type = header("Content-Type");
    const qsizetype semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.left(semicolon))
               .trimmed()
               .compare("text/event-stream", Qt::CaseInsensitive)
        == 0;
}

} // namespace tollgate::ui
