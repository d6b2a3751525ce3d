"""Checks schemas and instances with the Python `jsonschema` package (Draft 2020-12), as pinned in
requirements-fastmcp.txt (run with .venv-fastmcp's Python).

usage: jsonschema_check.py FILE  — FILE holds {"schemas": [...], "cases": [{"schema": …, "instance": …}, …]}
Prints one JSON line: {"schemaErrors": [message or null per schema], "cases": [[pointer, …] per case]},
checked with the formats jsonschema asserts without extra packages (date, email, ipv4, ipv6,
uuid, regex), where each case lists the RFC 6901 pointers of the offending values, sorted: a missing required
property is reported at its own pointer, an unexpected property at its own pointer.
"""

import json
import sys

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError


def pointer(path):
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def pointers(schema, instance):
    found = []
    for error in Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).iter_errors(instance):
        base = list(error.absolute_path)
        if error.validator == "required":
            missing = [name for name in error.validator_value if name not in error.instance]
            found += [pointer(base + [name]) for name in missing]
        elif error.validator == "additionalProperties" and error.validator_value is False:
            known = set(error.schema.get("properties", {}))
            found += [pointer(base + [name]) for name in error.instance if name not in known]
        else:
            found.append(pointer(base))
    return sorted(set(found))


def main():
    with open(sys.argv[1]) as handle:
        request = json.load(handle)
    schema_errors = []
    for schema in request["schemas"]:
        try:
            Draft202012Validator.check_schema(schema)
            schema_errors.append(None)
        except SchemaError as error:
            schema_errors.append(error.message)
    cases = [pointers(case["schema"], case["instance"]) for case in request["cases"]]
    print(json.dumps({"schemaErrors": schema_errors, "cases": cases}))


if __name__ == "__main__":
    main()
