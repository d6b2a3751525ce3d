"""Mints a JWT with PyJWT (an implementation independent of ours) and prints it.

usage: mint_pyjwt.py ALG PRIVATE_KEY_PEM_FILE KID ISSUER AUDIENCE SUBJECT SCOPE
"""

import sys
import time

import jwt


def main() -> int:
    alg, key_file, kid, issuer, audience, subject, scope = sys.argv[1:8]
    with open(key_file, encoding="utf-8") as handle:
        key = handle.read()
    now = int(time.time())
    claims = {"iss": issuer, "aud": audience, "sub": subject, "scope": scope, "iat": now, "nbf": now, "exp": now + 300}
    print(jwt.encode(claims, key, algorithm=alg, headers={"kid": kid}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
