"""What every interop script shares: run one coroutine with a timeout, print one JSON line.

Exit 0 with the result (sorted keys) on success; exit 3 with {"ok": false, "error": …}
when the client fails — the Swift tests assert on both.
"""

import asyncio
import json
import sys


def describe(error: BaseException) -> str:
    if isinstance(error, BaseExceptionGroup):
        return "; ".join(describe(inner) for inner in error.exceptions)
    return f"{type(error).__name__}: {error}"


def main(coroutine) -> None:
    try:
        result = asyncio.run(asyncio.wait_for(coroutine, timeout=60))
    except BaseException as error:  # the client raises groups and plain errors alike
        print(json.dumps({"ok": False, "error": describe(error)}))
        sys.exit(3)
    print(json.dumps(result, sort_keys=True))
    sys.exit(0)
