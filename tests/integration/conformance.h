#pragma once

// The HTTP/1.1 conformance cases (tests/data/conformance/cases.json) and how
// one is run against a server on loopback: the case's bytes on a fresh
// connection, its responses read one by one, then whether the connection is
// still open (a probe request is answered) or closed. Shared by
// tst_conformance (against Tollgate, asserting) and its peer mode
// (bench/conformance.sh: the same cases against nginx, reported).

#include "rawclient.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <sys/socket.h>

namespace conformance {

struct Case {
    QString id;
    QString ref; ///< the RFC section
    QString level; ///< MUST / SHOULD / MAY when the RFC says so
    QString note;
    QByteArray send;
    QList<int> expect; ///< statuses, in order
    bool close = false; ///< the server closes after them
    QList<std::optional<QByteArray>> bodies; ///< expected bodies (nullopt: not checked)
    QList<int> heads; ///< responses that answer HEAD
    bool halfClose = false; ///< the client shuts its sending side after the bytes
};

/// The bytes of a case are the code points of its "send" string (each < 256).
inline QByteArray latin1Bytes(const QString& s, bool* ok)
{
    QByteArray out;
    out.reserve(s.size());
    for (const QChar ch : s) {
        if (ch.unicode() > 0xff)
            *ok = false;
        out.append(static_cast<char>(ch.unicode()));
    }
    return out;
}

inline QList<Case> loadCases(const QString& path, QString* error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = path + QStringLiteral(": ") + f.errorString();
        return {};
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (doc.isNull()) {
        *error = path + QStringLiteral(": ") + pe.errorString();
        return {};
    }
    QList<Case> cases;
    const QJsonArray items = doc.object().value(QStringLiteral("cases")).toArray();
    for (const auto& item : items) {
        const QJsonObject o = item.toObject();
        Case c;
        c.id = o.value(QStringLiteral("id")).toString();
        c.ref = o.value(QStringLiteral("ref")).toString();
        c.level = o.value(QStringLiteral("level")).toString();
        c.note = o.value(QStringLiteral("note")).toString();
        bool ok = true;
        c.send = latin1Bytes(o.value(QStringLiteral("send")).toString(), &ok);
        for (const auto& s : o.value(QStringLiteral("expect")).toArray())
            c.expect.append(s.toInt());
        c.close = o.value(QStringLiteral("close")).toBool();
        for (const auto& b : o.value(QStringLiteral("bodies")).toArray()) {
            if (b.isNull())
                c.bodies.append(std::nullopt);
            else
                c.bodies.append(latin1Bytes(b.toString(), &ok));
        }
        for (const auto& h : o.value(QStringLiteral("heads")).toArray())
            c.heads.append(h.toInt());
        c.halfClose = o.value(QStringLiteral("halfClose")).toBool();
        if (c.id.isEmpty() || !ok || !o.value(QStringLiteral("close")).isBool()) {
            *error = path + QStringLiteral(": case ") + QString::number(cases.size())
                + QStringLiteral(" has no id, no close, or a character above U+00FF");
            return {};
        }
        cases.append(c);
    }
    return cases;
}

/// What a server did with a case.
struct Observation {
    QList<int> statuses;
    QList<QByteArray> bodies;
    bool closed = false;
    QByteArray detail; ///< anything unexpected: a bad response, a timeout, extra bytes
};

/// The probe that tells an open connection: GET / answers 200 "root".
inline constexpr char kProbe[] = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";

inline bool endedByPeer(rawhttp::ReadEnd end)
{
    return end == rawhttp::ReadEnd::Eof || end == rawhttp::ReadEnd::Reset;
}

inline Observation observe(quint16 port, const Case& c, int timeoutMs = 3000)
{
    Observation o;
    rawhttp::RawClient client(timeoutMs);
    if (!client.connectTo(port)) {
        o.detail = "cannot connect: " + QByteArray(std::strerror(client.lastErrno()));
        return o;
    }
    client.send(c.send);
    if (c.halfClose)
        ::shutdown(client.fd(), SHUT_WR);
    for (int i = 0; i < c.expect.size(); ++i) {
        const rawhttp::Response r = client.readResponse(c.heads.contains(i));
        if (!r.ok) {
            // Fewer responses than expected is in the statuses; only a bad
            // response or a timeout is worth a word.
            o.closed = endedByPeer(client.lastEnd()) && client.buffered().isEmpty();
            if (!o.closed)
                o.detail = r.error;
            return o;
        }
        o.statuses.append(r.status);
        o.bodies.append(r.body);
    }
    if (c.halfClose) {
        QByteArray rest;
        o.closed = endedByPeer(client.readUntilClose(&rest));
        if (!rest.isEmpty())
            o.detail = "bytes after the expected responses: " + rest.left(200);
        return o;
    }
    // A closed connection may take the probe (the kernel buffers it) and
    // then end, or refuse it.
    client.send(QByteArrayView(kProbe));
    const rawhttp::Response probe = client.readResponse();
    if (probe.ok && probe.status == 200 && probe.body == "root")
        return o;
    if (!probe.ok && endedByPeer(client.lastEnd()) && client.buffered().isEmpty()) {
        o.closed = true;
        return o;
    }
    o.detail = "the probe got something else: " + probe.describe().left(300);
    return o;
}

/// Empty when the observation is what the case expects, else why not.
inline QByteArray mismatch(const Case& c, const Observation& o)
{
    QByteArray why;
    if (o.statuses != c.expect) {
        QByteArray got, want;
        for (int s : o.statuses)
            got += QByteArray::number(s) + ' ';
        for (int s : c.expect)
            want += QByteArray::number(s) + ' ';
        why += "statuses [" + got.trimmed() + "], expected [" + want.trimmed() + "]; ";
    }
    for (int i = 0; i < c.bodies.size() && i < o.bodies.size(); ++i) {
        if (c.bodies[i] && *c.bodies[i] != o.bodies[i])
            why += "body " + QByteArray::number(i) + " is \"" + o.bodies[i].left(100)
                + "\", expected \"" + c.bodies[i]->left(100) + "\"; ";
    }
    if (o.closed != c.close)
        why += o.closed ? "the connection closed; " : "the connection stayed open; ";
    if (!o.detail.isEmpty())
        why += o.detail;
    return why;
}

} // namespace conformance
