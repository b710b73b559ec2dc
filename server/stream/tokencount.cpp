#include "server/stream/tokencount.h"

#include "server/stream/tokenstream.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <cmath>

namespace tollgate::server {

namespace {

std::uint64_t countAt(const boost::json::value& root, std::string_view pointer)
{
    if (pointer.empty())
        return 0;
    boost::system::error_code ec;
    const boost::json::value* v
        = root.find_pointer(boost::json::string_view(pointer.data(), pointer.size()), ec);
    if (!v)
        return 0;
    if (v->is_uint64())
        return v->get_uint64();
    if (v->is_int64())
        return v->get_int64() > 0 ? static_cast<std::uint64_t>(v->get_int64()) : 0;
    if (v->is_double()) {
        const double d = v->get_double();
        // 2^63: beyond it no count is real, and the cast would overflow.
        if (d >= 0 && d < 9.2e18 && std::floor(d) == d)
            return static_cast<std::uint64_t>(d);
    }
    return 0;
}

std::uint64_t textTokensAt(const boost::json::value& root, std::string_view pointer)
{
    if (pointer.empty())
        return 0;
    boost::system::error_code ec;
    const boost::json::value* v
        = root.find_pointer(boost::json::string_view(pointer.data(), pointer.size()), ec);
    return v && v->is_string() ? countTokens(v->get_string()) : 0;
}

} // namespace

TokenCounts tokensInJson(
    std::string_view json, std::string_view inputPointer, std::string_view outputPointer)
{
    TokenCounts counts;
    if (inputPointer.empty() && outputPointer.empty())
        return counts;
    boost::system::error_code ec;
    const boost::json::value root
        = boost::json::parse(boost::json::string_view(json.data(), json.size()), ec);
    if (ec)
        return counts;
    counts.input = countAt(root, inputPointer);
    counts.output = countAt(root, outputPointer);
    return counts;
}

std::uint64_t tokensOfTextAt(std::string_view json, std::string_view pointer)
{
    if (pointer.empty())
        return 0;
    boost::system::error_code ec;
    const boost::json::value root
        = boost::json::parse(boost::json::string_view(json.data(), json.size()), ec);
    return ec ? 0 : textTokensAt(root, pointer);
}

SseTokenReader::SseTokenReader(
    std::string inputPointer, std::string outputPointer, std::string outputTextPointer)
    : m_input(std::move(inputPointer))
    , m_output(std::move(outputPointer))
    , m_outputText(std::move(outputTextPointer))
{
}

TokenCounts SseTokenReader::feed(std::string_view bytes)
{
    TokenCounts add;
    for (const char c : bytes) {
        if (m_afterCr) {
            m_afterCr = false;
            if (c == '\n')
                continue;
        }
        if (c == '\n' || c == '\r') {
            m_afterCr = c == '\r';
            if (!m_overlong)
                line(m_line, &add);
            m_line.clear();
            m_overlong = false;
            continue;
        }
        if (m_overlong)
            continue;
        if (m_line.size() == kMaxLine) {
            m_overlong = true;
            m_line.clear();
            continue;
        }
        m_line.push_back(c);
    }
    return add;
}

void SseTokenReader::line(std::string_view text, TokenCounts* add)
{
    if (text.empty()) { // the event is complete
        if (m_hasData) {
            ++m_events;
            boost::system::error_code ec;
            const bool counting = !m_input.empty() || !m_output.empty() || !m_outputText.empty();
            const boost::json::value root = counting
                ? boost::json::parse(boost::json::string_view(m_data.data(), m_data.size()), ec)
                : boost::json::value();
            if (counting && !ec) {
                add->input += countAt(root, m_input);
                add->output += countAt(root, m_output) + textTokensAt(root, m_outputText);
            }
        }
        m_data.clear();
        m_hasData = false;
        return;
    }
    const auto colon = text.find(':');
    if (text.substr(0, colon) != "data")
        return; // comments, event, id, retry
    std::string_view value
        = colon == std::string_view::npos ? std::string_view {} : text.substr(colon + 1);
    if (!value.empty() && value.front() == ' ')
        value.remove_prefix(1);
    if (m_hasData)
        m_data.push_back('\n');
    if (m_data.size() + value.size() <= kMaxLine)
        m_data.append(value);
    m_hasData = true;
}

} // namespace tollgate::server
