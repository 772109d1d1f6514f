#!/bin/sh
# Regenerates ../resources/dev/ocisc/catalog/spdx-*.txt, the SPDX license and exception ids a declared licence is
# checked against, from Debian's packages of the SPDX lists (the same lists spdx-expression-parse reads):
#   apt-get install node-spdx-license-ids node-spdx-exceptions
set -eu
cd "$(dirname "$0")/../resources/dev/ocisc/catalog"
node -e '
const ids = require("/usr/share/nodejs/spdx-license-ids/index.json")
  .concat(require("/usr/share/nodejs/spdx-license-ids/deprecated.json"));
console.log([...new Set(ids)].sort().join("\n"));' > spdx-licenses.txt
node -e 'console.log(require("/usr/share/nodejs/spdx-exceptions/index.json").slice().sort().join("\n"))' \
  > spdx-exceptions.txt
