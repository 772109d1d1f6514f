#!/bin/sh
# A build whose artifact depends on directory order, for `ocisc verify rebuild --vary dirorder`: it concatenates
# the parts in the order `find` lists them (find does not sort; a shell glob such as `for f in parts/*` would).
# Nothing else varies the output, so --bisect must name dirorder and nothing else.
set -eu
find parts -type f -name '*.txt' -exec cat {} + > artifact.txt
