#!/usr/bin/env python3
"""Writes oci/src/main/resources/dev/ocisc/catalog/spdx-{license,exception}-ids.txt from the SPDX license list that
SPDX's own tools-java jar carries (resources/stdlicenses/*.json). Deprecated ids are left out.
Usage: make-spdx-ids.py sbom/target/tools/spdx-tools-java.jar   (mvn -pl sbom generate-test-resources fetches it)"""
import json, os, sys, zipfile

jar = zipfile.ZipFile(sys.argv[1])
here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../main/resources/dev/ocisc/catalog")
for kind, key, idkey in (("licenses", "licenses", "licenseId"), ("exceptions", "exceptions", "licenseExceptionId")):
    doc = json.loads(jar.read("resources/stdlicenses/%s.json" % kind))
    ids = sorted({e[idkey] for e in doc[key] if not e.get("isDeprecatedLicenseId", False)}, key=str.lower)
    name = "spdx-license-ids.txt" if kind == "licenses" else "spdx-exception-ids.txt"
    with open(os.path.join(here, name), "w", encoding="ascii") as out:
        out.write("# SPDX license list %s, %s (non-deprecated ids), made by oci/src/build/make-spdx-ids.py\n"
                  % (doc["licenseListVersion"], kind))
        out.write("\n".join(ids) + "\n")
