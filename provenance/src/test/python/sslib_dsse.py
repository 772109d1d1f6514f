"""DSSE with Debian's python3-securesystemslib, an implementation ocisc did not write.

Run with /usr/bin/python3 (Debian's securesystemslib 0.26). The PAE is built here by hand from the DSSE
specification; securesystemslib only does the signature math (SSlibKey.verify_signature, SSlibSigner.sign).

  sslib_dsse.py verify ENVELOPE PUBLIC.pem      prints "verified" (exit 0) or the failure (exit 1)
  sslib_dsse.py sign PAYLOAD PRIVATE.pem TYPE [sslib-keyid]
                                                prints an envelope (URL-safe base64 without padding); with
                                                sslib-keyid (ECDSA keys), the keyid is securesystemslib's own:
                                                SHA-256 of its canonical JSON key metadata, not of the DER key
"""
import base64
import hashlib
import json
import sys

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from securesystemslib import keys
from securesystemslib.signer import Signature, SSlibKey, SSlibSigner


def pae(payload_type: bytes, body: bytes) -> bytes:
    return b"DSSEv1 %d %s %d %s" % (len(payload_type), payload_type, len(body), body)


def b64decode(s: str) -> bytes:
    s = s.replace("-", "+").replace("_", "/")
    return base64.b64decode(s + "=" * (-len(s) % 4))


def keyid(public_key) -> str:
    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).hexdigest()


def sslib_public(public_key, kid):
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        pem = public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        return SSlibKey(kid, "ecdsa", "ecdsa-sha2-nistp256", {"public": pem.decode()})
    if isinstance(public_key, ed25519.Ed25519PublicKey):
        raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return SSlibKey(kid, "ed25519", "ed25519", {"public": raw.hex()})
    raise SystemExit("unsupported key type")


def verify(envelope_path, public_path):
    with open(envelope_path, "rb") as f:
        first = f.read().split(b"\n")[0]
    env = json.loads(first)
    if "dsseEnvelope" in env:
        env = env["dsseEnvelope"]
    with open(public_path, "rb") as f:
        public_key = serialization.load_pem_public_key(f.read())
    kid = keyid(public_key)
    key = sslib_public(public_key, kid)
    data = pae(env["payloadType"].encode("utf-8"), b64decode(env["payload"]))
    for s in env["signatures"]:
        if s.get("keyid", kid) != kid:
            continue
        try:
            key.verify_signature(Signature(kid, b64decode(s["sig"]).hex()), data)
            print("verified")
            return 0
        except Exception as e:  # securesystemslib raises UnverifiedSignatureError and friends
            print("not verified: %s" % e)
            return 1
    print("not verified: no signature with keyid %s" % kid)
    return 1


def sign(payload_path, private_path, payload_type, keyid_convention="der"):
    with open(payload_path, "rb") as f:
        payload = f.read()
    with open(private_path, "rb") as f:
        pem = f.read()
    private_key = serialization.load_pem_private_key(pem, password=None)
    kid = keyid(private_key.public_key())
    if keyid_convention == "sslib-keyid":
        if not isinstance(private_key, ec.EllipticCurvePrivateKey):
            raise SystemExit("sslib-keyid: securesystemslib imports ECDSA keys from PEM only")
        keydict = keys.import_ecdsakey_from_private_pem(pem.decode())
    elif isinstance(private_key, ec.EllipticCurvePrivateKey):
        public_pem = private_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
        keydict = {"keytype": "ecdsa", "scheme": "ecdsa-sha2-nistp256", "keyid": kid,
                   "keyval": {"public": public_pem, "private": pem.decode()}}
    else:
        raw = private_key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                        serialization.NoEncryption())
        public_raw = private_key.public_key().public_bytes(serialization.Encoding.Raw,
                                                           serialization.PublicFormat.Raw)
        keydict = {"keytype": "ed25519", "scheme": "ed25519", "keyid": kid,
                   "keyval": {"public": public_raw.hex(), "private": raw.hex()}}
    sig = SSlibSigner(keydict).sign(pae(payload_type.encode("utf-8"), payload))
    urlsafe = lambda b: base64.urlsafe_b64encode(b).decode().rstrip("=")
    print(json.dumps({"payload": urlsafe(payload), "payloadType": payload_type,
                      "signatures": [{"keyid": sig.keyid, "sig": urlsafe(bytes.fromhex(sig.signature))}]}))
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "verify":
        sys.exit(verify(sys.argv[2], sys.argv[3]))
    sys.exit(sign(*sys.argv[2:6]))
