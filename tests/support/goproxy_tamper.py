#!/usr/bin/env python3
"""Rewrites a module zip in place with one byte of one file changed (the last byte of the first
entry whose name ends with <suffix>): still a valid zip, with a different h1:.
usage: goproxy_tamper.py <zip> <suffix>"""
import os
import sys
import zipfile

path, suffix = sys.argv[1], sys.argv[2]
tmp = path + ".tamper"
done = False
with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
    for info in src.infolist():
        data = src.read(info)
        if not done and info.filename.endswith(suffix) and data:
            data = data[:-1] + bytes([data[-1] ^ 0x01])
            done = True
        dst.writestr(info, data)
if not done:
    os.remove(tmp)
    raise SystemExit(f"{path}: no entry ending with {suffix}")
os.replace(tmp, path)
