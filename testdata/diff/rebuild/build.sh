#!/bin/sh
# A build with two reproducibility bugs, for `ocisc verify rebuild --bisect`:
# it writes the wall-clock time into the artifact, and it leaves file modes to the umask.
# Everything else is pinned (tar order, owners, mtimes), so only those two can drift.
set -eu
mkdir -p out
date -u '+built at %Y-%m-%d %H:%M:%S' > out/stamp.txt
printf 'payload\n' > out/data.txt
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu -C out -cf artifact.tar .
