#!/usr/bin/env python3
"""Lays a golang.org/toolchain module zip out in a module cache exactly as Go 1.21+ leaves it
after switching to that toolchain (cmd/go/internal/modfetch unzips it, then
cmd/go/internal/toolchain runs it): every file 0444 and every directory 0555 (modfetch makes the
cache read-only); files under bin/, pkg/tool/ and lib/ 0555 (toolchain.Exec's allowExec, on first
use); each _go.mod copied to go.mod beside it, 0444.

usage: modcache_entry.py [--not-run] <zip> <gomodcache>
  --not-run   as left by `go mod download` before Go ever ran it: no exec bits, no go.mod copies
Prints the entry's directory.
"""
import os
import shutil
import sys
import zipfile


def main(argv):
    not_run = "--not-run" in argv
    args = [a for a in argv[1:] if a != "--not-run"]
    if len(args) != 2:
        raise SystemExit(__doc__)
    zip_path, cache = args
    with zipfile.ZipFile(zip_path) as zf:
        names = zf.namelist()
        top = names[0].split("/", 2)[:2]  # golang.org, toolchain@<modversion>
        entry = os.path.join(cache, *top)
        zf.extractall(cache)
    for dirpath, _, files in os.walk(entry):
        rel_dir = os.path.relpath(dirpath, entry)
        for name in files:
            path = os.path.join(dirpath, name)
            runs = rel_dir.split(os.sep)[0] in ("bin", "pkg", "lib") and not not_run
            runs = runs and (rel_dir.split(os.sep)[0] != "pkg" or rel_dir.startswith("pkg/tool"))
            os.chmod(path, 0o555 if runs else 0o444)
            if name == "_go.mod" and not not_run:
                shutil.copyfile(path, os.path.join(dirpath, "go.mod"))
                os.chmod(os.path.join(dirpath, "go.mod"), 0o444)
    for dirpath, _, _ in os.walk(entry, topdown=False):
        os.chmod(dirpath, 0o555)
    print(entry)


if __name__ == "__main__":
    main(sys.argv)
