#!/usr/bin/env python3
"""The README's tour, run: every `$ ` line of the code blocks under "A tour
of the CLI", in order, each output compared with the lines the README prints
after it (a diff on mismatch). A line "..." in the README stands for any
lines, none included.

The tour runs as the README says: in a folder holding the bundled archives
unpacked as `make demo` unpacks them (the archives scripts/demo.sh names,
from data/*.tar.zst: billboard-hot100/, spotify-daily-pk/, korea-blackpink/), with the repository's data/ and tests/
beside them and ../shared/data (or $KCHART_DATA) for the larger archives,
against a store of its own that the tour's commands build. Each command runs
in sh with `kchart` the binary under test, so pipes work; `echo $?` says the
exit code of the command before it.

Usage: run.py KCHART [SOURCE_DIR]
KC_README_UPDATE=1 writes each command's actual output into the README in
place, for a person to read the diff before committing it.
Skipped (exit 77) when ../shared/data is absent.
"""
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

KC = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else
                       os.path.join(os.path.dirname(__file__), "..", ".."))
README = os.path.join(ROOT, "README.md")
SHARED = os.path.abspath(os.environ.get("KCHART_DATA") or os.path.join(ROOT, "..", "shared", "data"))
UPDATE = os.environ.get("KC_README_UPDATE") == "1"
TOUR = "## A tour of the CLI"


def tour_commands(lines):
    """[(line index of the command, command, [expected lines], end index)]
    for each `$ ` line of the tour's code blocks."""
    out, in_tour, in_block, cur = [], False, False, None
    for i, line in enumerate(lines):
        if line.startswith("## "):
            in_tour = line.strip() == TOUR
        if not in_tour:
            continue
        if line.startswith("```"):
            if in_block and cur:
                cur[3] = i
                out.append(cur)
                cur = None
            in_block = not in_block and line.strip() == "```"
            continue
        if not in_block:
            continue
        if line.startswith("$ "):
            if cur:
                cur[3] = i
                out.append(cur)
            cur = [i, line[2:].rstrip("\n"), [], None]
        elif cur:
            cur[2].append(line.rstrip("\n"))
    return out


def demo_archives():
    """The archives `make demo` unpacks (scripts/demo.sh's `for archive in
    ...` line), so that the tour follows the demo when it changes."""
    try:
        text = open(os.path.join(ROOT, "scripts", "demo.sh"), encoding="utf-8").read()
        m = re.search(r"^for archive in ([^;]+); do", text, re.M)
        if m:
            return m.group(1).split()
    except OSError:
        pass
    return ["billboard-hot100", "spotify-daily-pk", "korea-blackpink"]


def trim(lines):
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def matches(want, got):
    """Whether got fits want, where a want line "..." stands for any lines."""
    if "..." not in want:
        return want == got
    at = want.index("...")
    head, tail = want[:at], want[at + 1:]
    if got[:len(head)] != head:
        return False
    rest = got[len(head):]
    for skip in range(len(rest) + 1):
        if matches(tail, rest[skip:]):
            return True
    return False


def main():
    if not os.path.isdir(SHARED):
        print(f"skipped: no {SHARED} (KCHART_DATA)")
        return 77
    lines = open(README, encoding="utf-8").read().split("\n")
    cmds = tour_commands([l + "\n" for l in lines])
    work = tempfile.mkdtemp(prefix="kc-readme-")
    failures = 0
    try:
        # The folder of the tour: the bundled archives unpacked, as make
        # demo unpacks them, data/ and tests/ of the repository beside them.
        for archive in demo_archives():
            subprocess.run(f"zstd -dc '{ROOT}/data/{archive}.tar.zst' | tar -xf - -C '{work}'",
                           shell=True, check=True)
        for name in ("data", "tests"):
            os.symlink(os.path.join(ROOT, name), os.path.join(work, name))
        bindir = os.path.join(work, ".bin")
        os.mkdir(bindir)
        os.symlink(KC, os.path.join(bindir, "kchart"))
        env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"],
                   KCHART_DB=os.path.join(work, "kchart.db"), LC_ALL="C.UTF-8")
        env.pop("KCHART_DATA", None)
        last_code = 0
        updates = []
        for at, cmd, want, end in cmds:
            if cmd.strip() == "echo $?":
                got = f"{last_code}\n"
            else:
                run = cmd.replace("../shared/data", SHARED)
                r = subprocess.run(["sh", "-c", run], cwd=work, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                last_code = r.returncode
                got = r.stdout.decode("utf-8", "replace").replace(SHARED, "../shared/data")
            got_lines = trim(got.split("\n"))
            want = trim(want)
            if UPDATE:
                if not matches(want, got_lines):
                    updates.append((at + 1, end, got_lines))
                continue
            if matches(want, got_lines):
                print(f"ok    $ {cmd}")
            else:
                failures += 1
                print(f"FAIL  $ {cmd}  (README.md line {at + 1}; - README, + actual)")
                sys.stdout.writelines(l + "\n" for l in difflib.unified_diff(
                    want, got_lines, "README.md", "actual", lineterm="", n=2))
        if UPDATE:
            # From the end, so that earlier line numbers stay right; a blank
            # line kept before the next command as the README has it.
            for start, end, got_lines in reversed(updates):
                old = lines[start:end]
                blank = [""] if old and not old[-1].strip() and end < len(lines) and \
                    lines[end].startswith("$ ") else []
                lines[start:end] = got_lines + blank
            open(README, "w", encoding="utf-8").write("\n".join(lines))
            print(f"README.md: {len(updates)} outputs rewritten (read the diff)")
            return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(cmds) - failures} of {len(cmds)} tour commands print what the README says")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
