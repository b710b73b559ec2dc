#!/usr/bin/env python3
"""Carries translations across contexts in a Qt .ts file.

A tr() string that moves to another class changes its context, and lupdate
then sees a new, unfinished message and keeps the old one as vanished. For
each unfinished message this takes the translation of
a finished or vanished message with the same source text, comment and
plural-ness, from any context. Prints what it carried and what is still
unfinished; the file is rewritten (run lupdate again to normalise it and,
with -no-obsolete, to drop the vanished messages).
"""
import sys
import xml.etree.ElementTree as ET


def key(message):
    source = message.findtext("source") or ""
    comment = message.findtext("comment") or ""
    return (source, comment, message.get("numerus") == "yes")


def has_text(translation):
    if translation is None:
        return False
    if translation.text and translation.text.strip():
        return True
    return any((f.text or "").strip() for f in translation.findall("numerusform"))


def main(path):
    tree = ET.parse(path)
    known = {}
    for message in tree.iter("message"):
        t = message.find("translation")
        if has_text(t) and t.get("type") in (None, "vanished", "obsolete"):
            known.setdefault(key(message), t)
    carried = missing = 0
    for context in tree.iter("context"):
        name = context.findtext("name")
        for message in context.findall("message"):
            t = message.find("translation")
            if t is None or t.get("type") != "unfinished":
                continue
            # lupdate fills an unfinished message from a same-text one in
            # another context; that guess is taken when a finished or
            # vanished message says the same.
            source = known.get(key(message))
            if has_text(t) and source is None:
                continue
            if source is None:
                missing += 1
                print(f"unfinished: {name}: {message.findtext('source')!r}")
                continue
            t.text = source.text
            for child in list(t):
                t.remove(child)
            for form in source.findall("numerusform"):
                new = ET.SubElement(t, "numerusform")
                new.text = form.text
            del t.attrib["type"]
            carried += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    print(f"{path}: carried {carried}, still unfinished {missing}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(max(main(p) for p in sys.argv[1:]))
