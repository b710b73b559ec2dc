#include "server/routing/templating.h"

#include "server/routing/requestcontext.h"

#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <random>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <kainjow/mustache.hpp>

namespace tollgate::server {

namespace mus = kainjow::mustache;

namespace {

std::mt19937_64& rng()
{
    thread_local std::mt19937_64 engine = [] {
        std::random_device device;
        std::seed_seq seed { device(), device(), device(), device() };
        return std::mt19937_64(seed);
    }();
    return engine;
}

// Our templates are mostly JSON bodies, so {{x}} must keep a JSON string valid
// whatever x holds; HTML entities would corrupt it and raw quotes break it.
std::string jsonEscape(const std::string& in)
{
    std::string out;
    out.reserve(in.size() + 8);
    for (const char ch : in) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (c < 0x20) {
                static constexpr char hex[] = "0123456789abcdef";
                out += "\\u00";
                out.push_back(hex[c >> 4]);
                out.push_back(hex[c & 0xf]);
            } else {
                out.push_back(ch);
            }
        }
    }
    return out;
}

std::string makeUuid()
{
    auto& engine = rng();
    std::uint64_t hi = engine();
    std::uint64_t lo = engine();
    hi = (hi & ~std::uint64_t { 0xf000 }) | std::uint64_t { 0x4000 }; // version 4
    lo = (lo & ~(std::uint64_t { 0x3 } << 62)) | (std::uint64_t { 0x2 } << 62); // RFC 4122 variant
    std::array<char, 40> buffer {};
    std::snprintf(buffer.data(), buffer.size(), "%08x-%04x-%04x-%04x-%012llx",
        static_cast<unsigned>(hi >> 32), static_cast<unsigned>((hi >> 16) & 0xffff),
        static_cast<unsigned>(hi & 0xffff), static_cast<unsigned>(lo >> 48),
        static_cast<unsigned long long>(lo & 0xffff'ffff'ffffULL));
    return std::string(buffer.data());
}

std::string nowIso8601()
{
    using namespace std::chrono;
    const auto now = time_point_cast<milliseconds>(system_clock::now());
    const auto day = floor<days>(now);
    const year_month_day ymd { day };
    const hh_mm_ss time { now - day };
    std::array<char, 40> buffer {};
    std::snprintf(buffer.data(), buffer.size(), "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
        static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
        static_cast<unsigned>(ymd.day()), static_cast<int>(time.hours().count()),
        static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()),
        static_cast<int>(time.subseconds().count()));
    return std::string(buffer.data());
}

std::string unixTimestamp()
{
    using namespace std::chrono;
    return std::to_string(duration_cast<seconds>(system_clock::now().time_since_epoch()).count());
}

bool parseInteger(std::string_view* text, long long* value)
{
    const char* begin = text->data();
    const char* end = begin + text->size();
    const auto result = std::from_chars(begin, end, *value);
    if (result.ec != std::errc {})
        return false;
    text->remove_prefix(static_cast<std::size_t>(result.ptr - begin));
    return true;
}

void skipSpaces(std::string_view* text)
{
    while (!text->empty() && std::isspace(static_cast<unsigned char>(text->front())))
        text->remove_prefix(1);
}

// "10 20", "10-20", "10, 20", "-5 5" → [min, max]; "50" → [0, 50]. Anything
// else falls back to [0, 100] rather than failing the response.
std::pair<long long, long long> parseRange(std::string_view text)
{
    constexpr std::pair<long long, long long> fallback { 0, 100 };
    skipSpaces(&text);
    long long first = 0;
    if (!parseInteger(&text, &first))
        return fallback;
    long long second = 0;
    const auto beforeSpaces = text.size();
    skipSpaces(&text);
    if (text.empty()) {
        second = 0;
    } else {
        const bool hadSpace = text.size() != beforeSpaces;
        const bool dashSeparator = text.front() == '-'
            && (!hadSpace || text.size() == 1 || std::isspace(static_cast<unsigned char>(text[1])));
        if (text.front() == ',' || dashSeparator) {
            text.remove_prefix(1);
            skipSpaces(&text);
        } else if (!hadSpace) {
            return fallback;
        }
        if (!parseInteger(&text, &second))
            return fallback;
        skipSpaces(&text);
        if (!text.empty())
            return fallback;
    }
    if (first > second)
        std::swap(first, second);
    return { first, second };
}

std::string randomInt(const std::string& text)
{
    const auto [low, high] = parseRange(text);
    std::uniform_int_distribution<long long> distribution(low, high);
    return std::to_string(distribution(rng()));
}

mus::data toData(const boost::json::value& value)
{
    switch (value.kind()) {
    case boost::json::kind::object: {
        mus::data d { mus::data::type::object };
        for (const auto& entry : value.get_object())
            d[std::string(entry.key())] = toData(entry.value());
        return d;
    }
    case boost::json::kind::array: {
        mus::data d { mus::data::type::list };
        for (const auto& element : value.get_array())
            d.push_back(toData(element));
        return d;
    }
    case boost::json::kind::string:
        return mus::data { std::string(value.get_string()) };
    case boost::json::kind::bool_:
        return mus::data { value.get_bool() };
    case boost::json::kind::null:
        return mus::data { std::string {} };
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_:
        break;
    }
    return mus::data { jsonText(value) };
}

mus::data toData(const StringPairs& pairs)
{
    mus::data d { mus::data::type::object };
    for (const auto& [name, value] : pairs) {
        // First value wins, like RequestContext::queryValue().
        if (!d.get(name))
            d[name] = mus::data { value };
    }
    return d;
}

const std::string* findPair(const StringPairs& pairs, std::string_view name)
{
    for (const auto& [key, value] : pairs) {
        if (key == name)
            return &value;
    }
    return nullptr;
}

// Splits "a.b.c" without kainjow's stringstream-based split().
std::string_view nextSegment(std::string_view* rest)
{
    const auto dot = rest->find('.');
    const auto segment = rest->substr(0, dot);
    *rest = dot == std::string_view::npos ? std::string_view {} : rest->substr(dot + 1);
    return segment;
}

const mus::data* lookupIn(const mus::data* data, std::string_view name)
{
    std::string key;
    while (data && !name.empty()) {
        key.assign(nextSegment(&name));
        data = data->get(key);
    }
    return data;
}

// The render context: resolves request.* names on demand, so a request pays
// for the fields its template prints (a 1 MiB JSON body is not converted into
// kainjow data to print one field), and dotted names are split without
// kainjow's stringstream. Section items pushed by kainjow are searched first,
// innermost first, as kainjow's own context does.
class RequestScope final : public mus::basic_context<std::string> {
public:
    explicit RequestScope(const RequestContext& request)
        : m_request(request)
    {
    }

    void push(const mus::data* data) override { m_stack.push_back(data); }
    void pop() override { m_stack.pop_back(); }

    const mus::data* get(const std::string& name) const override
    {
        if (name == ".")
            return m_stack.empty() ? root() : m_stack.back();
        for (auto it = m_stack.rbegin(); it != m_stack.rend(); ++it) {
            if (const auto* found = lookupIn(*it, name))
                return found;
        }
        return resolve(name);
    }

    // Partials would read arbitrary data as templates; there are none.
    const mus::data* get_partial(const std::string&) const override { return nullptr; }

private:
    const mus::data* keep(mus::data data) const
    {
        m_storage.push_back(std::move(data));
        return &m_storage.back();
    }

    const mus::data* root() const
    {
        if (!m_root) {
            mus::data d { mus::data::type::object };
            d["request"] = wholeRequest();
            m_root = keep(std::move(d));
        }
        return m_root;
    }

    mus::data wholeRequest() const
    {
        mus::data d { mus::data::type::object };
        d["method"] = mus::data { m_request.method };
        d["path"] = mus::data { m_request.path };
        d["body"] = mus::data { m_request.body };
        d["id"] = mus::data { m_request.id };
        d["params"] = toData(m_request.params);
        d["query"] = toData(m_request.query);
        d["headers"] = toData(m_request.headers);
        if (const auto* json = m_request.json())
            d["json"] = toData(*json);
        return d;
    }

    const mus::data* resolve(std::string_view name) const
    {
        std::string_view rest = name;
        const auto head = nextSegment(&rest);
        if (head == "message") {
            if (!m_request.hasMessage)
                return nullptr;
            if (rest.empty())
                return keep(mus::data { m_request.message });
            if (nextSegment(&rest) != "json")
                return nullptr;
            return resolveJson(m_request.messageJson(), rest);
        }
        if (head == "stream") {
            if (rest != "index" || m_request.streamIndex < 0)
                return nullptr;
            return keep(mus::data { std::to_string(m_request.streamIndex) });
        }
        if (head != "request") {
            if (!rest.empty())
                return nullptr;
            // Fresh values per tag: two {{uuid}} in one body are two ids.
            if (head == "uuid")
                return keep(mus::data { makeUuid() });
            if (head == "now")
                return keep(mus::data { nowIso8601() });
            if (head == "timestamp")
                return keep(mus::data { unixTimestamp() });
            if (head == "randomInt")
                return &randomIntLambda();
            return nullptr;
        }
        // The same name is looked up again on every iteration of a section.
        const std::string key(name);
        if (const auto it = m_memo.find(key); it != m_memo.end())
            return it->second;
        const mus::data* found = resolveRequest(rest);
        m_memo.emplace(key, found);
        return found;
    }

    const mus::data* resolveRequest(std::string_view rest) const
    {
        if (rest.empty())
            return keep(wholeRequest());
        const auto field = nextSegment(&rest);
        const auto scalar = [&](const std::string& value) -> const mus::data* {
            return rest.empty() ? keep(mus::data { value }) : nullptr;
        };
        const auto pairs = [&](const StringPairs& list) -> const mus::data* {
            if (rest.empty())
                return keep(toData(list));
            const auto* value = findPair(list, nextSegment(&rest));
            return value && rest.empty() ? keep(mus::data { *value }) : nullptr;
        };
        if (field == "method")
            return scalar(m_request.method);
        if (field == "path")
            return scalar(m_request.path);
        if (field == "body")
            return scalar(m_request.body);
        if (field == "id")
            return scalar(m_request.id);
        if (field == "params")
            return pairs(m_request.params);
        if (field == "query")
            return pairs(m_request.query);
        if (field == "headers")
            return pairs(m_request.headers);
        if (field == "json")
            return resolveJson(m_request.json(), rest);
        return nullptr;
    }

    // request.json.items.0.sku: object keys and, unlike plain kainjow, array
    // indices; only the value reached is converted.
    const mus::data* resolveJson(const boost::json::value* value, std::string_view rest) const
    {
        while (value && !rest.empty()) {
            const auto segment = nextSegment(&rest);
            if (const auto* object = value->if_object()) {
                value = object->if_contains(segment);
            } else if (const auto* array = value->if_array()) {
                std::size_t index = 0;
                const auto* end = segment.data() + segment.size();
                const auto parsed = std::from_chars(segment.data(), end, index);
                value = parsed.ec == std::errc {} && parsed.ptr == end && index < array->size()
                    ? &(*array)[index]
                    : nullptr;
            } else {
                value = nullptr;
            }
        }
        return value ? keep(toData(*value)) : nullptr;
    }

    static const mus::data& randomIntLambda()
    {
        static const mus::data lambda { mus::lambda {
            [](const std::string& text) { return randomInt(text); } } };
        return lambda;
    }

    const RequestContext& m_request;
    std::vector<const mus::data*> m_stack;
    // A deque keeps addresses stable: kainjow holds the pointers we return.
    mutable std::deque<mus::data> m_storage;
    mutable std::unordered_map<std::string, const mus::data*> m_memo;
    mutable const mus::data* m_root = nullptr;
};

// kainjow's string render() goes through an ostringstream (locale, facets);
// its stream overload accepts anything with operator<<, so append directly.
struct StringSink {
    std::string out;
    StringSink& operator<<(const std::string& text)
    {
        out += text;
        return *this;
    }
};

std::unique_ptr<mus::mustache> parseCopy(const std::string& text)
{
    auto copy = std::make_unique<mus::mustache>(text);
    copy->set_custom_escape(jsonEscape);
    return copy;
}

} // namespace

struct Template::Compiled {
    std::vector<std::unique_ptr<mus::mustache>> copies;
};

Template::Template() = default;
Template::~Template() = default;
Template::Template(Template&&) noexcept = default;
Template& Template::operator=(Template&&) noexcept = default;

bool Template::compile(const std::string& text, int threadSlots, std::string* error)
{
    m_text = text;
    m_static = true;
    m_compiled.reset();
    if (text.find("{{") == std::string::npos)
        return true;

    auto compiled = std::make_unique<Compiled>();
    auto first = parseCopy(text);
    if (!first->is_valid()) {
        if (error)
            *error = first->error_message();
        return false;
    }
    const int slots = threadSlots > 0 ? threadSlots : 1;
    compiled->copies.reserve(static_cast<std::size_t>(slots));
    compiled->copies.push_back(std::move(first));
    // Parsed again rather than copied: copies would share kainjow's section
    // text through shared_ptrs, and separate parses keep the slots independent.
    for (int i = 1; i < slots; ++i)
        compiled->copies.push_back(parseCopy(text));

    m_compiled = std::move(compiled);
    m_static = false;
    return true;
}

std::string Template::render(const RequestContext& request, int threadSlot) const
{
    if (m_static || !m_compiled)
        return m_text;
    Compiled& c = *m_compiled;
    const std::size_t slot
        = threadSlot > 0 ? static_cast<std::size_t>(threadSlot) % c.copies.size() : 0;

    RequestScope scope(request);
    StringSink sink;
    sink.out.reserve(m_text.size() + 64);
    mus::mustache& copy = *c.copies[slot];
    copy.render(scope, sink);
    // kainjow keeps a render error in the object and then refuses lambdas for
    // good; start this slot afresh so one bad request cannot poison it.
    if (!copy.is_valid())
        c.copies[slot] = parseCopy(m_text);
    return std::move(sink.out);
}

} // namespace tollgate::server
