#!/usr/bin/env python3
"""Copies a module zip adding one hostile entry, for the refusal tests.
usage: goproxy_hostile.py <zip> <out.zip> <kind>
kinds: outside  (an entry beside the golang.org/toolchain@<v>/ prefix)
       dupcase  (BIN/go beside bin/go: equal names ignoring case)
       dotdot   (<prefix>src/../../escape)
       dir      (a directory entry <prefix>extra/)
       symlink  (<prefix>bin/link, a symlink to /etc/passwd)
       big      (<prefix>src/big: 501 MiB of zeros, a few hundred KiB compressed)
       crc      (no entry added: <prefix>bin/go stored, one byte of its data flipped, so only
                its CRC-32 tells)"""
import copy
import sys
import zipfile

src_path, out_path, kind = sys.argv[1:4]


def add_entry(out, prefix):
    """The one hostile entry of every kind but crc."""
    extra = zipfile.ZipInfo(date_time=(2023, 4, 4, 0, 0, 0))
    extra.create_system = 3
    extra.external_attr = (0o100644) << 16
    data = b"hostile\n"
    if kind == "outside":
        extra.filename = "golang.org/toolchain@v9.9.9/evil"
    elif kind == "dupcase":
        extra.filename = prefix + "BIN/go"
    elif kind == "dotdot":
        extra.filename = prefix + "src/../../escape"
    elif kind == "dir":
        extra.filename = prefix + "extra/"
        extra.external_attr = (0o040755 << 16) | 0x10
        data = b""
    elif kind == "symlink":
        extra.filename = prefix + "bin/link"
        extra.external_attr = (0o120777) << 16
        data = b"/etc/passwd"
    elif kind == "big":
        extra.filename = prefix + "src/big"
        extra.compress_type = zipfile.ZIP_DEFLATED
        with out.open(extra, "w", force_zip64=True) as big:
            chunk = bytes(1 << 20)
            for _ in range(501):
                big.write(chunk)
        return
    else:
        raise SystemExit("unknown kind " + kind)
    out.writestr(extra, data)


def flip_middle_byte(name):
    """Flips one byte in the middle of a stored entry's data: the zip stays well-formed."""
    with zipfile.ZipFile(out_path) as z:
        info = z.getinfo(name)
    with open(out_path, "r+b") as f:
        f.seek(info.header_offset + 26)
        name_length = int.from_bytes(f.read(2), "little")
        extra_length = int.from_bytes(f.read(2), "little")
        at = info.header_offset + 30 + name_length + extra_length + info.file_size // 2
        f.seek(at)
        byte = f.read(1)[0]
        f.seek(at)
        f.write(bytes([byte ^ 0x01]))


with zipfile.ZipFile(src_path) as src, zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED) as out:
    infos = src.infolist()
    prefix = infos[0].filename.split("/", 2)
    prefix = prefix[0] + "/" + prefix[1] + "/"
    for info in infos:
        data = src.read(info)
        if kind == "crc" and info.filename == prefix + "bin/go":
            info = copy.copy(info)
            info.compress_type = zipfile.ZIP_STORED
        out.writestr(info, data)
    if kind != "crc":
        add_entry(out, prefix)
if kind == "crc":
    flip_middle_byte(prefix + "bin/go")
