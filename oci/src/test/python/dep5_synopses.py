#!/usr/bin/python3
"""Ground truth for DebianMinbaseTest: Debian's own DEP-5 parser (python3-debian, debian.copyright) on every
usr/share/doc/*/copyright of a rootfs. One line per package directory:
  NAME<TAB>NOT-MR                         not in the machine-readable format
  NAME<TAB>MR<TAB>SYNOPSIS<TAB>SYNOPSIS...  the License synopses of its Files paragraphs, in order
Usage: dep5_synopses.py ROOTFS"""
import os, sys, warnings
import debian.copyright as dc

warnings.simplefilter("ignore")
doc = os.path.join(sys.argv[1], "usr/share/doc")
for name in sorted(os.listdir(doc)):
    f = os.path.join(doc, name, "copyright")
    if not os.path.isfile(f):
        continue
    try:
        with open(f, encoding="utf-8", errors="replace") as fh:
            c = dc.Copyright(fh, strict=False)
    except dc.NotMachineReadableError:
        print(name + "\tNOT-MR")
        continue
    syn = [p.license.synopsis for p in c.all_files_paragraphs() if p.license is not None]
    print("\t".join([name, "MR"] + syn))
