// The mustache renderer (tollgate_templates.py) and requirements.txt of an
// exported FastAPI project.

#include "server/interchange/fastapisources.h"

namespace tollgate::server {

const std::string_view kFastApiTemplatesPy
    = R"py("""The mustache subset Tollgate renders response bodies and header values with.

Names in scope, as in Tollgate: request.method, request.path, request.id,
request.params.<name>, request.query.<name>, request.headers.<lower-case-name>,
request.body (raw text) and request.json.<field>... (the body parsed as JSON;
array elements by index: request.json.items.0.sku). Helpers: {{uuid}},
{{now}}, {{timestamp}} and {{#randomInt}}min max{{/randomInt}}.

{{x}} escapes for a JSON string (bodies are mostly JSON), {{{x}}} and {{& x}}
insert raw text. Sections iterate lists, enter objects and skip false, null
and empty lists; inverted sections do the opposite. {{=<% %>=}} changes the
delimiters, comments and partials render nothing.
"""

import datetime
import json
import random
import re
import time
import uuid

_random = random.SystemRandom()


class TemplateError(ValueError):
    pass


def json_escape(text):
    return json.dumps(text, ensure_ascii=False)[1:-1]


def json_text(value):
    """What Tollgate prints for a JSON value: strings unquoted, numbers in
    their shortest form, true/false, nothing for null, JSON for the rest."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _range_of(text):
    """'10 20', '10-20', '10, 20', '-5 5' -> (min, max); '50' -> (0, 50);
    anything else (0, 100), as Tollgate's randomInt."""
    match = re.fullmatch(r"\s*(-?\d+)(?:(?:\s*[,]\s*|\s*-\s*|\s+)(-?\d+))?\s*", text)
    if not match:
        return 0, 100
    first = int(match.group(1))
    second = int(match.group(2)) if match.group(2) is not None else 0
    return (first, second) if first <= second else (second, first)


def random_int(text):
    low, high = _range_of(text)
    return str(_random.randint(low, high))


def now_iso8601():
    now = datetime.datetime.now(datetime.timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (now.microsecond // 1000)


class _Lambda:
    def __init__(self, function):
        self.function = function


class RequestScope:
    """The names a template sees, resolved on demand like Tollgate's scope."""

    def __init__(self, method, path, request_id, params, query, headers, body):
        self.method = method
        self.path = path
        self.request_id = request_id
        self.params = params  # dict, first value per name
        self.query = query
        self.headers = headers  # lower-case names
        self.body = body
        self._json_parsed = False
        self._json = None

    def json(self):
        if not self._json_parsed:
            self._json_parsed = True
            try:
                self._json = ("ok", json.loads(self.body)) if self.body else None
            except ValueError:
                self._json = None
        return self._json

    def request_data(self):
        data = {
            "method": self.method,
            "path": self.path,
            "body": self.body,
            "id": self.request_id,
            "params": dict(self.params),
            "query": dict(self.query),
            "headers": dict(self.headers),
        }
        parsed = self.json()
        if parsed is not None:
            data["json"] = parsed[1]
        return data

    def resolve(self, name):
        """The value of a dotted name at the root, or _MISSING."""
        head, _, rest = name.partition(".")
        if head != "request":
            if rest:
                return _MISSING
            if head == "uuid":
                return str(uuid.uuid4())
            if head == "now":
                return now_iso8601()
            if head == "timestamp":
                return str(int(time.time()))
            if head == "randomInt":
                return _Lambda(random_int)
            return _MISSING
        if not rest:
            return self.request_data()
        field, _, rest = rest.partition(".")
        if field == "json":
            parsed = self.json()
            if parsed is None:
                return _MISSING
            return _walk(parsed[1], rest)
        if field in ("method", "path", "body", "id"):
            if rest:
                return _MISSING
            return {"method": self.method, "path": self.path, "body": self.body,
                    "id": self.request_id}[field]
        if field in ("params", "query", "headers"):
            pairs = getattr(self, field)
            if not rest:
                return dict(pairs)
            if "." in rest:
                return _MISSING
            return pairs.get(rest, _MISSING)
        return _MISSING


_MISSING = object()


def _walk(value, dotted):
    if not dotted:
        return value
    for segment in dotted.split("."):
        if isinstance(value, dict):
            if segment not in value:
                return _MISSING
            value = value[segment]
        elif isinstance(value, list):
            if not segment.isdigit() or int(segment) >= len(value):
                return _MISSING
            value = value[int(segment)]
        else:
            return _MISSING
    return value


def _falsy(value):
    # JSON null is an empty string to Tollgate, so it enters a section.
    return value is _MISSING or value is False or value == []


def _printable(value):
    """Scalars print; objects, lists and booleans print nothing, as in Tollgate."""
    if value is _MISSING or isinstance(value, (bool, dict, list)):
        return None
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json_text(value)


# --- parsing ---------------------------------------------------------------


def parse(text, open_tag="{{", close_tag="}}"):
    """A list of nodes: str, ("var", name, escaped), ("section", name,
    inverted, children, raw_text)."""
    root = []
    stack = [(None, root, 0)]
    position = 0
    while True:
        start = text.find(open_tag, position)
        if start < 0:
            stack[-1][1].append(text[position:])
            break
        stack[-1][1].append(text[position:start])
        inner_start = start + len(open_tag)
        if text.startswith("{", inner_start) and open_tag == "{{":
            end = text.find("}" + close_tag, inner_start)
            if end < 0:
                raise TemplateError("unclosed tag at %d" % start)
            stack[-1][1].append(("var", text[inner_start + 1:end].strip(), False))
            position = end + 1 + len(close_tag)
            continue
        end = text.find(close_tag, inner_start)
        if end < 0:
            raise TemplateError("unclosed tag at %d" % start)
        tag = text[inner_start:end].strip()
        position = end + len(close_tag)
        kind = tag[:1]
        if kind == "!":
            continue
        if kind == "=" and tag.endswith("="):
            parts = tag[1:-1].split()
            if len(parts) != 2:
                raise TemplateError("bad delimiter tag at %d" % start)
            open_tag, close_tag = parts
            continue
        if kind == ">":
            continue
        if kind == "&":
            stack[-1][1].append(("var", tag[1:].strip(), False))
        elif kind in ("#", "^"):
            node = ["section", tag[1:].strip(), kind == "^", [], position]
            stack[-1][1].append(node)
            stack.append((node, node[3], position))
        elif kind == "/":
            name = tag[1:].strip()
            node = stack[-1][0]
            if node is None or node[1] != name:
                raise TemplateError("unexpected closing tag %s" % name)
            node[4] = text[node[4]:start]
            stack.pop()
        else:
            stack[-1][1].append(("var", tag, True))
    if len(stack) > 1:
        raise TemplateError("unclosed section %s" % stack[-1][0][1])
    return root


# --- rendering -------------------------------------------------------------


class Template:
    def __init__(self, text):
        self.text = text
        self.static = "{{" not in text
        self.nodes = None if self.static else parse(text)

    def render(self, scope):
        if self.static:
            return self.text
        out = []
        _render(self.nodes, scope, [], out)
        return "".join(out)


def _lookup(name, scope, stack):
    if name == ".":
        return stack[-1] if stack else scope.request_data()
    for item in reversed(stack):
        found = _walk(item, name) if isinstance(item, (dict, list)) else _MISSING
        if found is not _MISSING:
            return found
    return scope.resolve(name)


def _render(nodes, scope, stack, out):
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
            continue
        if node[0] == "var":
            value = _lookup(node[1], scope, stack)
            if isinstance(value, _Lambda):
                value = value.function("")
            text = _printable(value)
            if text is not None:
                out.append(json_escape(text) if node[2] else text)
            continue
        _, name, inverted, children, raw = node
        value = _lookup(name, scope, stack)
        if inverted:
            if _falsy(value):
                _render(children, scope, stack, out)
        elif isinstance(value, _Lambda):
            # A lambda gets the section's text unrendered; its result is
            # rendered as a template, as kainjow (Tollgate's mustache) does.
            out.append(Template(value.function(raw)).render_in(scope, stack))
        elif _falsy(value):
            continue
        elif isinstance(value, list):
            for item in value:
                _render(children, scope, stack + [item], out)
        else:
            _render(children, scope, stack + [value], out)


def _render_in(self, scope, stack):
    if self.static:
        return self.text
    out = []
    _render(self.nodes, scope, stack, out)
    return "".join(out)


Template.render_in = _render_in
)py";

const std::string_view kFastApiRequirements = R"txt(fastapi>=0.92
uvicorn>=0.17
pydantic>=1.10
# Only when REDIS_URL is set (limits shared between workers):
# redis>=4.3
)txt";

} // namespace tollgate::server
