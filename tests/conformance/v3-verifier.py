#!/usr/bin/env python3
"""An independent ACS3-HMAC-SHA256 verifier, written from the public V3 signature description with
nothing but Python's standard library, so that it shares no code with ecsimg nor with the official
SDK. It checks a request the way a server receiving it would.

One JSON object per stdin line: {"method", "url" (path and query as received), "headers" (lower-case
names), "body", "secret"}. One JSON line out: {"ok", "reason", "canonicalRequest", "stringToSign",
"signature"} where "signature" is the one the verifier expects.
"""

import hashlib
import hmac
import json
import sys
from urllib.parse import parse_qsl, quote, urlsplit

ALGORITHM = "ACS3-HMAC-SHA256"


def rfc3986(text):
    # Everything but the unreserved A-Z a-z 0-9 - _ . ~ is percent-encoded from UTF-8 bytes.
    return quote(text, safe="~", encoding="utf-8")


def is_signable(name):
    return name in ("host", "content-type") or name.startswith("x-acs-")


def parse_authorization(value):
    algorithm, _, rest = value.partition(" ")
    fields = dict(part.split("=", 1) for part in rest.split(",") if "=" in part)
    return algorithm, fields


def verify(req):
    headers = {name.lower(): value for name, value in req["headers"].items()}
    body = req["body"].encode("utf-8")
    algorithm, auth = parse_authorization(headers.get("authorization", ""))
    signed = auth.get("SignedHeaders", "").split(";")
    payload_hash = hashlib.sha256(body).hexdigest()

    parts = urlsplit(req["url"])
    pairs = parse_qsl(parts.query, keep_blank_values=True, encoding="utf-8", errors="strict")
    encoded = sorted((rfc3986(k), rfc3986(v)) for k, v in pairs)
    canonical_query = "&".join(f"{k}={v}" for k, v in encoded)
    canonical_headers = "".join(f"{name}:{headers.get(name, '').strip()}\n" for name in signed)
    canonical_request = "\n".join(
        [req["method"], parts.path or "/", canonical_query, canonical_headers, ";".join(signed), payload_hash]
    )
    string_to_sign = ALGORITHM + "\n" + hashlib.sha256(canonical_request.encode("utf-8")).hexdigest()
    expected = hmac.new(req["secret"].encode("utf-8"), string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()

    # What a server refuses, in the order it would find out.
    present = sorted(name for name in headers if is_signable(name))
    if algorithm != ALGORITHM:
        reason = f"algorithm {algorithm!r}"
    elif signed != present:
        reason = f"SignedHeaders {signed} but the signable headers sent are {present}"
    elif headers.get("x-acs-content-sha256") != payload_hash:
        reason = "x-acs-content-sha256 is not the SHA-256 of the body"
    elif not hmac.compare_digest(expected, auth.get("Signature", "")):
        reason = "signature mismatch"
    else:
        reason = None
    return {
        "ok": reason is None,
        "reason": reason,
        "canonicalRequest": canonical_request,
        "stringToSign": string_to_sign,
        "signature": expected,
    }


def main():
    # Bytes in, ASCII JSON out: independent of the locale's encoding.
    for line in sys.stdin.buffer:
        if not line.strip():
            continue
        try:
            answer = verify(json.loads(line.decode("utf-8")))
        except Exception as e:  # a malformed request is a failed verification, not a crash
            answer = {"ok": False, "reason": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
