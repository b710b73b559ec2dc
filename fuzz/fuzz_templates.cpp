// Response templates (mustache): compile, then render against a request whose
// body is part of the input, so request.json.* walks fuzzed JSON too.
//
// Input: the template text, a NUL byte, the request body.

#include "fuzzinput.h"

#include "server/routing/requestcontext.h"
#include "server/routing/templating.h"

using namespace tollgate::server;
using tollgate::fuzz::asText;
using tollgate::fuzz::takeUntil;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string_view rest = asText(data, size);
    const std::string text(takeUntil(&rest, std::string_view("\0", 1)));
    Template compiled;
    std::string error;
    if (!compiled.compile(text, 1, &error))
        return 0;
    RequestContext request;
    request.method = "POST";
    request.path = "/v1/items/42";
    request.rawQuery = "mode=full&tag=a&tag=b";
    request.params = { { "id", "42" }, { "*", "a/b" } };
    request.query = { { "mode", "full" }, { "tag", "a" }, { "tag", "b" } };
    request.headers = { { "content-type", "application/json" }, { "x-trace", "t-1" } };
    request.body.assign(rest);
    request.id = "0123456789abc0123456789abc";
    compiled.render(request, 0);
    // A second render: the compiled copy keeps state between renders.
    compiled.render(request, 0);
    return 0;
}
