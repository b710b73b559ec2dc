#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace tollgate::ui {

/// One policy of the RateLimit / RateLimit-Policy response headers
/// (draft-ietf-httpapi-ratelimit-headers), decoded for the response viewer.
struct RateLimitInfo {
    QString policy; ///< "minute", "month"
    qint64 quota = -1; ///< q from RateLimit-Policy; -1 when absent
    qint64 window = -1; ///< w (seconds) from RateLimit-Policy; -1 when absent
    qint64 remaining = -1; ///< r from RateLimit
    qint64 reset = -1; ///< t (seconds until reset) from RateLimit
    bool operator==(const RateLimitInfo&) const = default;
};

/// Joins the two headers by policy name, in the order RateLimit lists them
/// (policies only in RateLimit-Policy follow). Malformed items are skipped.
QList<RateLimitInfo> decodeRateLimit(const QByteArray& rateLimit, const QByteArray& policy);

} // namespace tollgate::ui
