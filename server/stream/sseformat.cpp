#include "server/stream/sseformat.h"

#include <charconv>

namespace tollgate::server {

namespace {

void appendField(std::string& out, std::string_view name, std::string_view value)
{
    out += name;
    out += ": ";
    for (const char c : value)
        if (c != '\r' && c != '\n')
            out += c;
    out += '\n';
}

} // namespace

void appendSseEvent(std::string& out, std::string_view event, std::string_view data,
    std::string_view id, int retryMs)
{
    if (!event.empty())
        appendField(out, "event", event);
    for (;;) {
        const auto end = data.find_first_of("\r\n");
        out += "data: ";
        out += data.substr(0, end);
        out += '\n';
        if (end == std::string_view::npos)
            break;
        const std::size_t next = data.compare(end, 2, "\r\n") == 0 ? end + 2 : end + 1;
        data.remove_prefix(next);
    }
    if (!id.empty())
        appendField(out, "id", id);
    if (retryMs > 0) {
        char digits[16];
        const auto r = std::to_chars(digits, digits + sizeof digits, retryMs);
        out += "retry: ";
        out.append(digits, r.ptr);
        out += '\n';
    }
    out += '\n';
}

} // namespace tollgate::server
