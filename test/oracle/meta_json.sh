#!/usr/bin/env bash
# meta_json: META.json has what PGXN's meta spec 1.0.0 requires (name,
# abstract, maintainer, license, provides with file and version, meta-spec),
# semantic versions, and agrees with bosetting.control.  Prints TAP lines.
set -uo pipefail
cd "$(dirname "$0")/../.."
python3 - <<'PY'
import json, re
n = 0
def check(ok, text):
    global n
    n += 1
    print(("ok" if ok else "not ok"), n, "-", text)
try:
    meta = json.load(open("META.json"))
    check(True, "META.json is JSON")
except Exception as e:
    check(False, f"META.json is JSON ({e})")
    raise SystemExit(0)
semver = re.compile(r"^\d+\.\d+\.\d+(-[0-9A-Za-z-]+)?$")
for key in ("name", "abstract", "version", "maintainer", "license", "provides", "meta-spec"):
    check(key in meta and meta[key], f"required key {key} is present")
check(semver.match(meta.get("version", "")) is not None, f"version {meta.get('version')} is a semantic version")
check(meta.get("meta-spec", {}).get("version") == "1.0.0", "meta-spec version 1.0.0")
check(meta.get("license") in ("postgresql", "bsd", "mit", "gpl_3", "apache_2_0", "restricted") or
      isinstance(meta.get("license"), dict), f"license {meta.get('license')} is a spec licence string")
ext = meta.get("provides", {}).get("bosetting", {})
check(all(k in ext for k in ("file", "version")), "provides.bosetting has file and version")
import os
check(os.path.exists(ext.get("file", "")), f"provides.bosetting.file {ext.get('file')} exists")
control = open("bosetting.control").read()
v = re.search(r"default_version = '([^']*)'", control).group(1)
check(meta.get("version", "").startswith(v + ".") and ext.get("version", "").startswith(v + "."),
      f"versions agree with bosetting.control ({v})")
check(meta.get("release_status") in ("stable", "testing", "unstable"), "release_status is stable, testing or unstable")
PY
