"""Vendored browser libraries of the dossier page: re-fetch them from the npm registry, or check them offline.

    .venv/bin/python scripts/vendor_static.py --check    # the committed files against VENDOR.json, offline
    .venv/bin/python scripts/vendor_static.py            # re-fetch the tarballs, verify, write the files
    .venv/bin/python scripts/vendor_static.py --record   # the same, recording new checksums (a new version)

The list of packages, versions and files is PACKAGES below; VENDOR.json (beside the files, in
src/triangulate/serve/static/vendor/) records for each file its package, version, license, source
URL and sha256. Without --record a fetched file whose checksum differs from the recorded one is an
error and nothing is written.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import tarfile
import urllib.request
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[1] / "src" / "triangulate" / "serve" / "static" / "vendor"
MANIFEST = VENDOR / "VENDOR.json"
REGISTRY = "https://registry.npmjs.org"
MAX_TARBALL = 16 * 1024 * 1024

# package, version, license, {file in the tarball: name under vendor/}
PACKAGES: list[tuple[str, str, str, dict[str, str]]] = [
    ("d3-array", "3.2.4", "ISC", {"package/dist/d3-array.min.js": "d3-array.min.js",
                                  "package/LICENSE": "LICENSE-d3-array.txt"}),
    ("d3-geo", "3.1.2", "ISC", {"package/dist/d3-geo.min.js": "d3-geo.min.js",
                                "package/LICENSE": "LICENSE-d3-geo.txt"}),
    ("topojson-client", "3.1.0", "ISC", {"package/dist/topojson-client.min.js": "topojson-client.min.js",
                                         "package/LICENSE": "LICENSE-topojson-client.txt"}),
    # the package is ISC; its shapes are Natural Earth's, in the public domain
    ("world-atlas", "2.0.2", "ISC (data: Natural Earth, public domain)",
     {"package/countries-110m.json": "countries-110m.json", "package/LICENSE": "LICENSE-world-atlas.txt"}),
]


def tarball_url(name: str, version: str) -> str:
    return f"{REGISTRY}/{name}/-/{name}-{version}.tgz"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_manifest() -> dict[str, dict[str, str]]:
    """VENDOR.json's entries by file name; empty when there is none yet."""
    if not MANIFEST.is_file():
        return {}
    entries = json.loads(MANIFEST.read_text(encoding="utf-8"))["files"]
    return {e["file"]: e for e in entries}


def check() -> list[str]:
    """Problems with the committed files: missing, changed, or not in the manifest."""
    manifest = load_manifest()
    if not manifest:
        return [f"{MANIFEST} is missing or lists no file"]
    problems = []
    for name, entry in sorted(manifest.items()):
        path = VENDOR / name
        if not path.is_file():
            problems.append(f"{name}: missing")
        elif sha256(path.read_bytes()) != entry["sha256"]:
            problems.append(f"{name}: sha256 differs from VENDOR.json ({entry['source']})")
    extra = sorted(p.name for p in VENDOR.iterdir() if p.is_file() and p.name != MANIFEST.name
                   and p.name not in manifest)
    problems += [f"{name}: not listed in VENDOR.json" for name in extra]
    return problems


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:  # a fixed https URL of the registry
        data: bytes = response.read(MAX_TARBALL + 1)
    if len(data) > MAX_TARBALL:
        raise SystemExit(f"{url}: larger than {MAX_TARBALL} bytes")
    return data


def refetch(record: bool) -> int:
    """Fetch every tarball, take its files, verify them (or record their checksums), then write them."""
    manifest = load_manifest()
    files: dict[str, bytes] = {}
    entries = []
    problems = []
    for name, version, license_name, members in PACKAGES:
        url = tarball_url(name, version)
        print(f"fetching {url}")
        with tarfile.open(fileobj=io.BytesIO(fetch(url)), mode="r:gz") as tar:
            for member, target in members.items():
                handle = tar.extractfile(member)
                if handle is None:
                    raise SystemExit(f"{url}: {member} is not a file")
                data = handle.read()
                digest = sha256(data)
                known = manifest.get(target, {}).get("sha256")
                if not record and known != digest:
                    problems.append(f"{target}: fetched sha256 {digest} != recorded {known}")
                files[target] = data
                entries.append({"file": target, "package": name, "version": version, "license": license_name,
                                "source": f"{url}#{member}", "sha256": digest})
    if problems:
        print("not written:\n  " + "\n  ".join(problems) + "\n(--record takes new checksums)", file=sys.stderr)
        return 1
    VENDOR.mkdir(parents=True, exist_ok=True)
    for target, data in files.items():
        (VENDOR / target).write_bytes(data)
    MANIFEST.write_text(json.dumps({"files": entries}, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(files)} files and {MANIFEST.name} under {VENDOR}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify the committed files offline")
    parser.add_argument("--record", action="store_true", help="record the fetched files' checksums")
    args = parser.parse_args()
    if args.check:
        problems = check()
        for problem in problems:
            print(problem, file=sys.stderr)
        if not problems:
            print(f"{len(load_manifest())} vendored files match {MANIFEST.name}")
        return 1 if problems else 0
    return refetch(args.record)


if __name__ == "__main__":
    sys.exit(main())
