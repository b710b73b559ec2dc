#include "server/pipeline/outcome.h"

#include <algorithm>

namespace tollgate::server {

void OutcomeSink::record(const Outcome& o)
{
    const Targets& t = m_targets;
    if (o.counter && t.usage)
        t.usage->complete(o.counter, o.status, o.overage, o.price, o.cost, o.tokensIn, o.tokensOut);
    if (t.meter) {
        MeterRecord r;
        r.timeUs = o.timeUs;
        r.route = o.route ? o.route->meterId : 0;
        if (o.key) {
            r.key = o.key->meterKey;
            r.tier = o.key->meterTier;
        }
        r.latencyUs = o.latencyUs;
        r.status = static_cast<std::uint16_t>(o.status);
        r.bytesIn = o.bytesIn;
        r.bytesOut = o.bytesOut;
        r.costMicros = o.cost;
        r.priceMicros = o.earned();
        r.upstreamAttempts = static_cast<std::uint8_t>(std::min(o.upstream.attempts, 255));
        r.upstreamError = o.upstream.error;
        r.upstreamUs = o.upstream.upstreamUs;
        r.tokensIn = o.tokensIn;
        r.tokensOut = o.tokensOut;
        r.streamed = o.stream.streamed;
        r.streamEvents = o.stream.events;
        r.firstEventUs = o.stream.firstEventUs;
        t.meter->push(r);
    }
    if (t.log) {
        RequestLogEntry e;
        e.timeUs = o.timeUs;
        e.requestId = o.requestId;
        e.method = o.method;
        e.target = o.target;
        if (o.route)
            e.route = o.route->name;
        e.status = o.status;
        e.latencyUs = o.latencyUs;
        e.bytesIn = o.bytesIn;
        e.bytesOut = o.bytesOut;
        if (o.key) {
            e.key = o.key->id;
            e.tier = o.key->tierId;
        }
        e.costMicros = o.cost;
        e.priceMicros = o.earned();
        e.upstreamAttempts = o.upstream.attempts;
        e.upstreamUs = o.upstream.upstreamUs;
        e.upstreamStatus = o.upstream.upstreamStatus;
        e.upstreamError = upstreamErrorName(o.upstream.error);
        e.streamed = o.stream.streamed;
        e.streamEvents = o.stream.events;
        e.firstEventUs = o.stream.firstEventUs;
        e.countsTokens = o.countsTokens;
        e.tokensIn = o.tokensIn;
        e.tokensOut = o.tokensOut;
        e.clientLeft = o.stream.clientLeft;
        e.websocket = o.stream.websocket;
        e.messagesReceived = o.stream.received;
        e.closeCode = o.stream.closeCode;
        t.log->append(e);
    }
    if (t.journal)
        journal(o);
    if (t.traffic && t.trafficOn && t.trafficOn->load(std::memory_order_relaxed)) {
        TrafficEvent ev;
        ev.time = std::chrono::system_clock::time_point(std::chrono::microseconds(o.timeUs));
        ev.method.assign(o.method);
        ev.target.assign(o.target.substr(0, TrafficQueue::kMaxTarget));
        ev.status = o.status;
        ev.latencyUs = o.latencyUs;
        ev.bytesOut = o.bytesOut;
        if (o.key)
            ev.keyId = o.key->id;
        ev.requestId.assign(o.requestId);
        t.traffic->push(std::move(ev));
    }
}

void OutcomeSink::journal(const Outcome& o)
{
    RequestJournal& journal = *m_targets.journal;
    JournalEntry e;
    e.timeUs = o.timeUs;
    e.method.assign(o.method);
    e.target.assign(o.target);
    if (o.request) {
        for (const auto& field : *o.request)
            e.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
        const std::string& body = o.request->body();
        e.bodyBytes = body.size();
        e.body.assign(body, 0, std::min(body.size(), journal.bodyLimit()));
    }
    // Key secrets never enter the journal: only the key's id below.
    maskKeyFields(&e.headers);
    if (o.route)
        e.route = o.route->name;
    if (o.key) {
        e.keyId = o.key->id;
        e.tier = o.key->tierId;
    }
    e.status = o.status;
    e.requestId.assign(o.requestId);
    journal.add(std::move(e));
}

} // namespace tollgate::server
