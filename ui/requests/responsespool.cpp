#include "ui/requests/responsespool.h"

#include "ui/requests/replyfailure.h"
#include "ui/requests/requestsender.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QTemporaryFile>

#include <algorithm>

namespace tollgate::ui {

namespace {

constexpr qint64 kCopyChunkBytes = 1024 * 1024;

} // namespace

ResponseSpool::ResponseSpool() = default;

ResponseSpool::~ResponseSpool() = default;

void ResponseSpool::reset()
{
    m_file.reset();
    m_error.clear();
}

bool ResponseSpool::append(ComposerResponse* resp, const QByteArray& chunk, qint64 previewLimit)
{
    const qint64 limit = std::max<qint64>(0, previewLimit);
    resp->size += chunk.size();
    if (!m_file) {
        if (resp->preview.size() + chunk.size() <= limit) {
            resp->preview += chunk;
            return true;
        }
        m_file = std::make_unique<QTemporaryFile>(
            QDir(QDir::tempPath()).filePath(QStringLiteral("tollgate-body-XXXXXX")));
        if (!m_file->open()) {
            m_error
                = RequestSender::tr("Could not create a temporary file for the response body: %1.")
                      .arg(withoutFinalPeriod(m_file->errorString()));
            return false;
        }
        if (m_file->write(resp->preview) != resp->preview.size()) {
            m_error = RequestSender::tr("Could not write the response body to %1: %2.")
                          .arg(m_file->fileName(), withoutFinalPeriod(m_file->errorString()));
            return false;
        }
        resp->preview.append(chunk.constData(), limit - resp->preview.size());
        resp->truncated = true;
    }
    if (m_file->write(chunk) != chunk.size()) {
        m_error = RequestSender::tr("Could not write the response body to %1: %2.")
                      .arg(m_file->fileName(), withoutFinalPeriod(m_file->errorString()));
        return false;
    }
    return true;
}

void ResponseSpool::finish(ComposerResponse* resp)
{
    if (!m_file)
        return;
    m_file->flush();
    resp->bodyFile = m_file->fileName();
    m_file->close();
}

bool saveResponseBody(const ComposerResponse& response, const QString& path, QString* error)
{
    const auto fail = [error](const QString& text) {
        if (error)
            *error = text;
        return false;
    };
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return fail(
            RequestSender::tr("Could not write %1: %2.")
                .arg(QDir::toNativeSeparators(path), withoutFinalPeriod(out.errorString())));
    if (response.truncated) {
        QFile in(response.bodyFile);
        if (response.bodyFile.isEmpty() || !in.open(QIODevice::ReadOnly))
            return fail(RequestSender::tr("The response body is no longer available."));
        while (!in.atEnd()) {
            const QByteArray chunk = in.read(kCopyChunkBytes);
            if (chunk.isEmpty())
                return fail(RequestSender::tr("Could not read the response body: %1.")
                                .arg(withoutFinalPeriod(in.errorString())));
            if (out.write(chunk) != chunk.size())
                break; // commit() reports it
        }
    } else {
        out.write(response.preview);
    }
    if (!out.commit())
        return fail(
            RequestSender::tr("Could not write %1: %2.")
                .arg(QDir::toNativeSeparators(path), withoutFinalPeriod(out.errorString())));
    return true;
}

} // namespace tollgate::ui
