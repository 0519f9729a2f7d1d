#!/usr/bin/env python3
"""Makes a golang.org/toolchain module zip from a go.dev-layout toolchain archive, as Go's
release tooling makes it: every file (regular files only, no directory entries) under
golang.org/toolchain@<modversion>/, the top-level go/ stripped, each nested go.mod renamed
_go.mod, modes 0755 for executables and 0644 for the rest. Then adds it to a static GOPROXY
tree: <root>/golang.org/toolchain/@v/{list,<mv>.info,<mv>.mod,<mv>.zip}.

usage: goproxy_tree.py <archive.tar.gz> <modversion> <proxy root>
       goproxy_tree.py --raw <modversion> <proxy root> <zip>   (adds a zip made elsewhere)
"""
import json
import os
import sys
import tarfile
import zipfile

MODULE = "golang.org/toolchain"


def make_zip(archive, modversion, out):
    prefix = f"{MODULE}@{modversion}/"
    with tarfile.open(archive) as tar, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        members = sorted((m for m in tar.getmembers() if m.isfile()), key=lambda m: m.name)
        for m in members:
            name = m.name
            if not name.startswith("go/"):
                raise SystemExit(f"{archive}: {name} is outside go/")
            rel = name[len("go/"):]
            if rel == "go.mod" or rel.endswith("/go.mod"):
                rel = rel[: -len("go.mod")] + "_go.mod"
            info = zipfile.ZipInfo(prefix + rel, date_time=(2023, 4, 4, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix: the mode below is read
            mode = 0o755 if m.mode & 0o111 else 0o644
            info.external_attr = (0o100000 | mode) << 16
            with tar.extractfile(m) as src:
                zf.writestr(info, src.read())


def add(root, modversion, zip_path):
    vdir = os.path.join(root, MODULE, "@v")
    os.makedirs(vdir, exist_ok=True)
    target = os.path.join(vdir, modversion + ".zip")
    if os.path.abspath(zip_path) != os.path.abspath(target):
        os.replace(zip_path, target)
    with open(os.path.join(vdir, modversion + ".info"), "w") as f:
        json.dump({"Version": modversion, "Time": "2023-04-04T00:00:00Z"}, f)
    with open(os.path.join(vdir, modversion + ".mod"), "w") as f:
        f.write(f"module {MODULE}\n")
    listed = []
    list_path = os.path.join(vdir, "list")
    if os.path.exists(list_path):
        listed = open(list_path).read().split()
    if modversion not in listed:
        listed.append(modversion)
    with open(list_path, "w") as f:
        f.write("".join(v + "\n" for v in listed))


def main(argv):
    if len(argv) == 5 and argv[1] == "--raw":
        add(argv[3], argv[2], argv[4])
        return
    if len(argv) != 4:
        raise SystemExit(__doc__)
    archive, modversion, root = argv[1:]
    tmp = os.path.join(root, f".{modversion}.zip.tmp")
    os.makedirs(root, exist_ok=True)
    make_zip(archive, modversion, tmp)
    add(root, modversion, tmp)


if __name__ == "__main__":
    main(sys.argv)
