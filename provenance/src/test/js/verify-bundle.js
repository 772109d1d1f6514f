// Verifies a Sigstore bundle with @sigstore/verify, offline: an empty trusted root, the public key registered
// under the bundle's hint, and every timestamp/log threshold at 0 (keyed signing logs nothing).
// Usage: node verify-bundle.js BUNDLE.json PUBLIC.pem   -> prints "verified" and exits 0, or the error and 1.
'use strict';
const fs = require('fs');
const crypto = require('crypto');
const { bundleFromJSON } = require('@sigstore/bundle');
const { Verifier, toSignedEntity, toTrustMaterial } = require('@sigstore/verify');

const [bundlePath, keyPath] = process.argv.slice(2);
try {
  const bundle = bundleFromJSON(JSON.parse(fs.readFileSync(bundlePath, 'utf8')));
  const hint = bundle.verificationMaterial.content.publicKey.hint;
  const der = crypto.createPublicKey(fs.readFileSync(keyPath, 'utf8')).export({ format: 'der', type: 'spki' });
  const emptyRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [],
  };
  const trust = toTrustMaterial(emptyRoot, { [hint]: { rawBytes: der } });
  const verifier = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, tsaThreshold: 0 });
  verifier.verify(toSignedEntity(bundle));
  process.stdout.write('verified\n');
} catch (e) {
  process.stdout.write('not verified: ' + (e.code ? e.code + ': ' : '') + e.message + '\n');
  process.exit(1);
}
