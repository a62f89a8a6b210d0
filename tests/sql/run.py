#!/usr/bin/env python3
"""Every SQL file of src/ runs as it is in the sqlite3 shell (docs/store.md,
"SQL files").

  - The migration steps (src/store/sql/migrate-NNN.sql), run in order by
    the shell on an empty database, make the very schema kchart makes: the
    same `.schema` text and as many steps as kchart's user_version.
  - Every other file holds one statement, and `EXPLAIN <statement>`, with no
    parameter bound (the shell leaves them NULL), prepares in the shell
    against a store that kchart made, with the temporary tables kchart
    makes when it opens a store: so each file is valid SQL over the real
    schema, and names only tables and columns that are there. A script
    (several statements, run whole by kc__exec: a reset before a rebuild)
    takes no parameter, and each of its statements prepares so.
  - A piece that several files write alike (between `-- begin shared:
    NAME` and `-- end shared: NAME`) is the same text in each.

Usage: run.py KCHART ROOT  (exit 0 when every file passes; 1 naming each
file that does not, with the shell's message).
"""
import glob
import os
import re
import sqlite3
import subprocess
import sys
import tempfile


def shell(db, sql, first=None):
    """Runs sql in the sqlite3 shell on db, after first if given (so that
    the shell's line numbers are sql's): (exit status, stderr)."""
    cmd = ["sqlite3", "-bail"] + (["-cmd", first] if first else []) + [db]
    p = subprocess.run(cmd, input=sql, text=True,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stderr.strip()


def temp_tables(files):
    """The statements that make kchart's temporary tables: the SQL files
    that make them (src/sql/kchart-temp-tables.sql, a layer's own such as
    the news')."""
    sql = [open(f, encoding="utf-8").read() for f in files
           if "CREATE TEMP TABLE" in open(f, encoding="utf-8").read()]
    return "\n".join(s if s.rstrip().endswith(";") else s + ";" for s in sql)


def split_script(text):
    """The statements of a script, each with its semicolon (None when text
    does not end with a complete one)."""
    out, start = [], 0
    for k, c in enumerate(text):
        if c == ";" and sqlite3.complete_statement(text[start:k + 1]):
            out.append(text[start:k + 1])
            start = k + 1
    return out if text[start:].strip() == "" and out else None


def has_parameter(text):
    """Whether text has a parameter outside its quoted strings and comments."""
    bare = re.sub(r"'(?:[^']|'')*'|--[^\n]*", " ", text)
    return re.search(r"\?|[:@$][A-Za-z_]", bare) is not None


def one_statement(text):
    """Whether text is one complete statement (comments around it allowed,
    nothing else after its semicolon)."""
    for k, c in enumerate(text):
        if c == ";" and sqlite3.complete_statement(text[:k + 1]):
            return re.sub(r"--[^\n]*", "", text[k + 1:]).strip() == ""
    return False


def shared_pieces(files, rel):
    """The pieces that several files write alike (docs/store.md): each
    between `-- begin shared: NAME` and `-- end shared: NAME`, the same text
    in every file that has it, and in two files at least. The errors."""
    pieces, errors = {}, []
    for f in files:
        text = open(f, encoding="utf-8").read()
        # Each place a piece begins (a file may write one twice, or one
        # inside another), to its own end.
        for begin in re.finditer(r"^-- begin shared: (\S+)$", text, flags=re.M):
            name = begin.group(1)
            m = re.compile(r"^-- begin shared: %s\n(.*?)^-- end shared: %s$"
                           % (re.escape(name), re.escape(name)),
                           flags=re.M | re.S).match(text, begin.start())
            if not m:
                errors.append(f"{rel(f)}: no '-- end shared: {name}'")
            else:
                pieces.setdefault(name, []).append((f, m.group(1)))
    for name, where in sorted(pieces.items()):
        if len(where) < 2:
            errors.append(f"{rel(where[0][0])}: the piece {name} is in no other file")
        # The text most files have is the piece; each other one differs.
        bodies = [body for _, body in where]
        usual = max(bodies, key=bodies.count)
        alike = [rel(f) for f, body in where if body == usual]
        for f, body in where:
            if body != usual:
                errors.append(f"{rel(f)}: the piece {name} differs from"
                              f" {' and '.join(alike)}'s")
    return errors


def main():
    kchart, root = sys.argv[1], sys.argv[2]
    files = sorted(glob.glob(os.path.join(root, "src", "*", "sql", "*.sql")) +
                   glob.glob(os.path.join(root, "src", "sql", "*.sql")))
    steps = [f for f in files if re.search(r"/store/sql/migrate-\d{3}\.sql$", f)]
    statements = [f for f in files if f not in steps]
    errors = []
    rel = lambda f: os.path.relpath(f, root)
    with tempfile.TemporaryDirectory() as tmp:
        store = os.path.join(tmp, "kchart.db")
        p = subprocess.run([kchart, "ingest", "--quiet", "--db", store,
                            os.path.join(root, "tests", "fixtures", "billboard")],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if p.returncode != 0:
            print(f"kchart ingest failed ({p.returncode}): {p.stdout}")
            return 1
        # The steps in order, on an empty database.
        empty = os.path.join(tmp, "steps.db")
        for k, f in enumerate(steps, 1):
            if not f.endswith(f"migrate-{k:03d}.sql"):
                errors.append(f"{rel(f)}: step {k} is missing")
                break
            rc, err = shell(empty, open(f, encoding="utf-8").read())
            if rc or err:
                errors.append(f"{rel(f)}: {err or 'exit %d' % rc}")
                break
        if not errors:
            want = subprocess.run(["sqlite3", store, ".schema"], text=True,
                                  stdout=subprocess.PIPE).stdout
            got = subprocess.run(["sqlite3", empty, ".schema"], text=True,
                                 stdout=subprocess.PIPE).stdout
            if got != want:
                errors.append("src/store/sql: the steps' schema is not the one kchart"
                              " makes (compare `sqlite3 DB .schema`)")
            version = subprocess.run(["sqlite3", store, "PRAGMA user_version"],
                                     text=True, stdout=subprocess.PIPE).stdout.strip()
            if version != str(len(steps)):
                errors.append(f"src/store/sql: {len(steps)} steps, but kchart makes"
                              f" user_version {version}")
        # Each statement, prepared against the store.
        temp = temp_tables(statements)
        if "CREATE TEMP TABLE" not in temp:
            errors.append("src/sql: no file makes the temporary tables"
                          " (CREATE TEMP TABLE)")
        for f in files:
            if not open(f, encoding="utf-8").read().startswith(
                    f"-- {os.path.basename(f)}: "):
                errors.append(f"{rel(f)}:1: the first line is not"
                              f" '-- {os.path.basename(f)}: what it is'")
        errors += shared_pieces(files, rel)
        for f in statements:
            text = open(f, encoding="utf-8").read()
            if "CREATE TEMP TABLE" in text:
                continue  # run above, as the temporary tables
            if one_statement(text):
                script = [text]
            else:
                script = split_script(text)
                if not script:
                    errors.append(f"{rel(f)}: not one statement ending in ';'")
                    continue
                if has_parameter(text):
                    errors.append(f"{rel(f)}: several statements, run whole by"
                                  " kc__exec, cannot take parameters")
                    continue
            for sql in script:
                rc, err = shell(store, "EXPLAIN " + sql, temp)
                if rc or err:
                    errors.append(f"{rel(f)}: {err or 'exit %d' % rc}")
                    break
    for e in errors:
        print(e)
    print(f"sql_files: {len(steps)} migration steps, {len(statements)} statement"
          f" files; {len(errors)} failed")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
