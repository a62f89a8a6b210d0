#!/usr/bin/env python3
"""The layering rule of src/, checked on the sources (docs/architecture.md).

Each folder of src/ is one layer; src/kchart.c (with src/kchart_int.h) is the
top of the library; the order, lowest first, is the `order:` line of
docs/architecture.md, read from there so that the rule is written once.

A file fails the check when it
  - calls (or takes the address of) a function, or uses a variable, that a
    file of a higher layer defines;
  - includes a header of a higher layer, or sqlite3.h below the store, or
    the embedded SQL of another layer (<sql/LAYER_sql.h>, generated from
    src/LAYER/sql/);
  - sees the fields of struct kc_db outside the store;
and the tree fails when two files, or two layers, use each other in a
circle (A uses B and B, through any others, uses A).

Calls are found from the code, not from #include lines: comments, strings
and preprocessor lines are blanked, every identifier used inside a function
body or an initializer is matched against the non-static definitions of
every other file. A name a file defines itself (static or not) is its own.

Usage: layers.py ROOT  (exit 0: the rule holds; 1: it does not, each
breach on a line of its own as "file:line: what").
"""
import collections
import os
import re
import sys


def blank(text):
    """text with comments, string and character literals and preprocessor
    lines blanked, line breaks kept (so that offsets keep their lines)."""
    out = []
    i, n = 0, len(text)
    at_line_start = True
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (min(j, n) - i - 1) + (c if j < n else ""))
            i = j + 1
        elif c == "#" and at_line_start:
            # a preprocessor line, with its continuations
            j = i
            while True:
                k = text.find("\n", j)
                if k < 0:
                    k = n
                    break
                if text[k - 1] == "\\":
                    j = k + 1
                    continue
                break
            out.append(re.sub(r"[^\n]", " ", text[i:k]))
            i = k
        else:
            out.append(c)
            i += 1
        if c == "\n":
            at_line_start = True
        elif not c.isspace():
            at_line_start = c == "#" and False
    return "".join(out)


TOKEN = re.compile(r"[A-Za-z_]\w*|[{}();=,\[]")
KEYWORDS = set("""auto break case char const continue default do double else enum
extern float for goto if inline int long register restrict return short signed
sizeof static struct switch typedef union unsigned void volatile while _Bool
_Static_assert _Thread_local _Alignof _Atomic _Noreturn bool""".split())


def scan(path):
    """(definitions, uses) of a C file: non-static names it defines at file
    scope, with their line; every identifier it uses in a body or an
    initializer, with the line of its first use; and the static names."""
    text = blank(open(path, encoding="utf-8").read())
    defs, statics, uses = {}, set(), {}
    depth = 0
    decl = []  # the tokens of the file-scope declaration so far
    in_init = False

    def line_of(pos):
        return text.count("\n", 0, pos) + 1

    for m in TOKEN.finditer(text):
        t = m.group()
        if t == "{":
            if depth == 0 and not in_init:
                names = [x for x, _ in decl]
                if "(" in names and names[0] not in ("struct", "union", "enum",
                                                     "typedef"):
                    k = names.index("(")
                    # the function's name: the identifier before its
                    # parameter list (after a pointer-returning '(' too)
                    name = names[k - 1]
                    pos = decl[k - 1][1]
                    if "static" in names[:k]:
                        statics.add(name)
                    else:
                        defs.setdefault(name, line_of(pos))
                    decl = []
                # else a struct, union or enum body: its tokens are not the
                # declaration's, which goes on after the '}'
            depth += 1
            continue
        if t == "}":
            depth -= 1
            continue
        if depth > 0:
            if t[0].isalpha() or t[0] == "_":
                if t not in KEYWORDS:
                    uses.setdefault(t, line_of(m.start()))
            continue
        # file scope
        if t == ";":
            names = [x for x, _ in decl]
            if (names and names[0] not in ("typedef", "extern", "struct",
                                           "union", "enum")
                    and "(" not in names[:2]):
                # a variable: the identifier before '=' / '[' / ';'
                cut = len(decl)
                for k, (x, _) in enumerate(decl):
                    if x in ("=", "["):
                        cut = k
                        break
                idents = [(x, p) for x, p in decl[:cut]
                          if (x[0].isalpha() or x[0] == "_") and x not in KEYWORDS]
                if idents and "(" not in [x for x, _ in decl[:cut]]:
                    name, pos = idents[-1]
                    if "static" in names:
                        statics.add(name)
                    else:
                        defs.setdefault(name, line_of(pos))
            decl = []
            in_init = False
            continue
        if t == "=":
            in_init = True
        elif in_init and (t[0].isalpha() or t[0] == "_") and t not in KEYWORDS:
            uses.setdefault(t, line_of(m.start()))
        decl.append((t, m.start()))
    return defs, statics, uses


def includes(path):
    """The #include lines of a file: (line, name, quoted)."""
    out = []
    for k, line in enumerate(open(path, encoding="utf-8"), 1):
        m = re.match(r'\s*#\s*include\s*([<"])([^>"]+)[>"]', line)
        if m:
            out.append((k, m.group(2), m.group(1) == '"'))
    return out


def read_order(root):
    doc = os.path.join(root, "docs", "architecture.md")
    for line in open(doc, encoding="utf-8"):
        m = re.match(r"\s*order:\s*(.+)$", line)
        if m:
            return [x.strip() for x in m.group(1).split("<")]
    sys.exit(f"{doc}: no 'order:' line naming the layers")


def layer_of(rel, order):
    """The layer of a path relative to src/, or None (not checked)."""
    parts = rel.split("/")
    if len(parts) == 1:
        stem = os.path.splitext(parts[0])[0]
        return "kchart.c" if stem in ("kchart", "kchart_int") else None
    return parts[0] if parts[0] in order else None


def find_cycle(edges):
    """One cycle of a directed graph (a list of its nodes), or None."""
    color = {}
    stack = []

    def visit(u):
        color[u] = 1
        stack.append(u)
        for v in sorted(edges.get(u, ())):
            if color.get(v) == 1:
                return stack[stack.index(v):] + [v]
            if v not in color:
                c = visit(v)
                if c:
                    return c
        stack.pop()
        color[u] = 2
        return None

    for u in sorted(edges):
        if u not in color:
            c = visit(u)
            if c:
                return c
    return None


def check(root):
    order = read_order(root)
    rank = {name: k for k, name in enumerate(order)}
    src = os.path.join(root, "src")
    files = {}
    for dirpath, _, names in os.walk(src):
        for name in names:
            if name.endswith((".c", ".h")):
                rel = os.path.relpath(os.path.join(dirpath, name), src)
                layer = layer_of(rel, order)
                if layer is None:
                    print(f"src/{rel}:1: in no layer of docs/architecture.md's order")
                    return 1
                files[rel] = layer
    errors = []
    scanned = {}
    owner = {}  # name -> defining file
    for rel in sorted(files):
        if rel.endswith(".c"):
            scanned[rel] = scan(os.path.join(src, rel))
            for name in scanned[rel][0]:
                owner.setdefault(name, rel)
    file_edges = collections.defaultdict(set)
    layer_edges = collections.defaultdict(set)
    for rel, (defs, statics, uses) in sorted(scanned.items()):
        me = files[rel]
        for name, line in sorted(uses.items(), key=lambda x: x[1]):
            if name in defs or name in statics:
                continue
            other = owner.get(name)
            if other is None or other == rel:
                continue
            them = files[other]
            file_edges[rel].add(other)
            if them != me:
                layer_edges[me].add(them)
            if rank[them] > rank[me]:
                errors.append(f"src/{rel}:{line}: {name} is {them}'s (src/{other}),"
                              f" a layer above {me}")
    for rel, me in sorted(files.items()):
        here = os.path.dirname(os.path.join(src, rel))
        for line, name, quoted in includes(os.path.join(src, rel)):
            if not quoted:
                if name == "sqlite3.h" and rank[me] < rank["store"]:
                    errors.append(f"src/{rel}:{line}: sqlite3.h below the store")
                sql = re.fullmatch(r"sql/(\w+)_sql\.h", name)
                if sql:
                    owner_layer = "kchart.c" if sql.group(1) == "kchart" else sql.group(1)
                    if owner_layer != me:
                        errors.append(f"src/{rel}:{line}: includes <{name}>, the SQL of"
                                      f" {owner_layer}: a layer sees its own SQL only")
                continue
            if name.startswith("kchart/"):
                continue  # the public header
            target = os.path.normpath(os.path.join(here, name))
            if not os.path.exists(target):
                target = os.path.normpath(os.path.join(src, name))
            trel = os.path.relpath(target, src)
            them = files.get(trel)
            if them is None:
                errors.append(f"src/{rel}:{line}: includes {name}, in no layer")
            elif rank[them] > rank[me]:
                errors.append(f"src/{rel}:{line}: includes {name}, of {them},"
                              f" a layer above {me}")
        text = blank(open(os.path.join(src, rel), encoding="utf-8").read())
        if me != "store":
            m = re.search(r"\bstruct\s+kc_db\s*\{", text)
            if m:
                errors.append(f"src/{rel}:{text.count(chr(10), 0, m.start()) + 1}:"
                              " defines struct kc_db, the store's alone")
    cycle = find_cycle(file_edges)
    if cycle:
        errors.append(f"src/{cycle[0]}:1: files use each other in a circle: "
                      + " -> ".join(cycle))
    cycle = find_cycle(layer_edges)
    if cycle:
        errors.append(f"src/{cycle[0]}:1: layers use each other in a circle: "
                      + " -> ".join(cycle))
    for e in errors:
        print(e)
    if not errors:
        print(f"layers: {len(files)} files in {len(order)} layers"
              f" ({' < '.join(order)}), {sum(map(len, file_edges.values()))}"
              " uses between files, no upward use, no circle")
    return 1 if errors else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: layers.py ROOT")
    sys.exit(check(sys.argv[1]))
