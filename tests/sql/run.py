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
    schema, and names only tables and columns that are there.

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


def c_strings(path):
    """The string literals of a C file, adjacent ones joined as the
    compiler joins them."""
    text = re.sub(r"/\*.*?\*/", " ", open(path, encoding="utf-8").read(), flags=re.S)
    out = []
    last_end = -1
    for m in re.finditer(r'"((?:[^"\\\n]|\\.)*)"', text):
        s = m.group(1).encode().decode("unicode_escape")
        if out and text[last_end:m.start()].strip() == "":
            out[-1] += s
        else:
            out.append(s)
        last_end = m.end()
    return out


def temp_tables(root, files):
    """The statements that make kchart's temporary tables: from an SQL file,
    or from the C strings of src/kchart.c while they are there."""
    sql = [open(f, encoding="utf-8").read() for f in files
           if "CREATE TEMP TABLE" in open(f, encoding="utf-8").read()]
    sql += [s for s in c_strings(os.path.join(root, "src", "kchart.c"))
            if "CREATE TEMP TABLE" in s]
    return "\n".join(s if s.rstrip().endswith(";") else s + ";" for s in sql)


def one_statement(text):
    """Whether text is one complete statement (comments around it allowed
    before, nothing after its semicolon)."""
    for k, c in enumerate(text):
        if c == ";" and sqlite3.complete_statement(text[:k + 1]):
            return text[k + 1:].strip() == ""
    return False


def main():
    kchart, root = sys.argv[1], sys.argv[2]
    files = sorted(glob.glob(os.path.join(root, "src", "*", "sql", "*.sql")))
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
        temp = temp_tables(root, statements)
        if "CREATE TEMP TABLE" not in temp:
            errors.append("src/kchart.c: no CREATE TEMP TABLE found to make the"
                          " temporary tables with")
        for f in files:
            if not open(f, encoding="utf-8").read().startswith(
                    f"-- {os.path.basename(f)}: "):
                errors.append(f"{rel(f)}:1: the first line is not"
                              f" '-- {os.path.basename(f)}: what it is'")
        for f in statements:
            text = open(f, encoding="utf-8").read()
            if "CREATE TEMP TABLE" in text:
                continue  # run above, as the temporary tables
            if not one_statement(text):
                errors.append(f"{rel(f)}: not one statement ending in ';'")
                continue
            rc, err = shell(store, "EXPLAIN " + text, temp)
            if rc or err:
                errors.append(f"{rel(f)}: {err or 'exit %d' % rc}")
    for e in errors:
        print(e)
    print(f"sql_files: {len(steps)} migration steps, {len(statements)} statement"
          f" files; {len(errors)} failed")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
