#pragma once

#include "ui/requests/composerresponse.h"

#include <QString>

#include <memory>

class QTemporaryFile;

namespace tollgate::ui {

/// Collects a response body as it arrives: the first previewLimit bytes in
/// the response's preview and, once the body is longer, the whole of it in a
/// temporary file, so a large body is never held in memory. The file lives
/// until reset() or the spool's end.
class ResponseSpool {
public:
    ResponseSpool();
    ~ResponseSpool();
    ResponseSpool(const ResponseSpool&) = delete;
    ResponseSpool& operator=(const ResponseSpool&) = delete;

    /// Drops the file of an earlier body (a redirect, or the next request).
    void reset();
    /// Adds a chunk of body to response; false when the file could not be
    /// written, error() says why.
    bool append(ComposerResponse* response, const QByteArray& chunk, qint64 previewLimit);
    QString error() const { return m_error; }
    /// The body is complete: response names the file holding it, if any.
    void finish(ComposerResponse* response);

private:
    std::unique_ptr<QTemporaryFile> m_file;
    QString m_error;
};

/// Writes the whole body of response to path (from its file when it was
/// spooled).
bool saveResponseBody(const ComposerResponse& response, const QString& path, QString* error);

} // namespace tollgate::ui
