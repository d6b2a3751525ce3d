"""Keys, a JWKS document and tokens for the reliability scripts (PyJWT, independent of our code).

usage: tokens.py keygen DIR                     → DIR/private.pem, DIR/public.pem, DIR/jwks.json (kid "k1")
       tokens.py mint DIR KID SUBJECT TTL       → a token (TTL seconds; negative → already expired)
       tokens.py foreign DIR SUBJECT            → a token signed by a key the server never saw (kid "k9")
"""

import json
import sys
import time

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ISSUER = "https://reliability.local"
AUDIENCE = "reliability"


def keygen(folder: str) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    open(f"{folder}/private.pem", "wb").write(pem)
    open(f"{folder}/public.pem", "wb").write(
        key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    jwk.update({"kid": "k1", "alg": "RS256", "use": "sig"})
    json.dump({"keys": [jwk]}, open(f"{folder}/jwks.json", "w"))


def mint(key_pem: str, kid: str, subject: str, ttl: int) -> str:
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": subject, "scope": "mcp:read", "iat": now - 600 if ttl < 0 else now,
              "exp": now + ttl}
    return jwt.encode(claims, key_pem, algorithm="RS256", headers={"kid": kid})


def main() -> int:
    command = sys.argv[1]
    if command == "keygen":
        keygen(sys.argv[2])
    elif command == "mint":
        folder, kid, subject, ttl = sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
        print(mint(open(f"{folder}/private.pem").read(), kid, subject, ttl))
    elif command == "foreign":
        other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = other.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        print(mint(pem.decode(), "k9", sys.argv[3], 300))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
