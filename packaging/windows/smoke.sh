#!/usr/bin/env bash
# Smoke test of the Windows installer under Wine (Debian `wine`, 64-bit only):
#
#     bash packaging/windows/smoke.sh [dist/OutreachXL-<version>-win64.exe]
#
# In a fresh Wine prefix whose Windows user is "Nguyễn Thị Hà", installs the .exe silently (/S)
# into a folder with spaces and diacritics, checks what it installed (Start-menu entries, PATH,
# the uninstall key, xlwings' DLL beside pythonw.exe), then with the INSTALLED Python runs
# `outreach-xl --version`, the Start-menu launcher (a school and a district workbook in
# Documents\Báo cáo TTĐN), `validate` and `report` on the sample, `demo`, and a roll-up of three
# schools with its district report. Outputs are compared, on meaning, with the same commands run by
# the Linux package (smoke_check.py); then the uninstaller runs and must leave the user's files.
#
# Environment: CHECK_PYTHON, a Linux Python with outreach-xl installed (default: .ci-venv/bin/python
# if present, else python3); INSTALL_DEPS=1 to apt-get wine; KEEP=1 to keep the Wine prefix.
set -euo pipefail
export LC_ALL=C.UTF-8
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
started=$SECONDS

die() {
    echo "smoke.sh: FAIL: $*" >&2
    exit 1
}
step() { echo "== $* ($((SECONDS - started)) s)"; }

if [ "${INSTALL_DEPS:-0}" = 1 ] && ! command -v wine >/dev/null; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq </dev/null
    $sudo apt-get install -y -qq --no-install-recommends wine wine64 xvfb xauth </dev/null >/dev/null
fi
command -v wine >/dev/null || die "wine not found (Debian: apt-get install wine wine64 xvfb xauth)"
# Even a silent NSIS installer makes a (hidden) window, so Wine needs an X display: a virtual one.
if [ -z "${DISPLAY:-}" ]; then
    command -v xvfb-run >/dev/null || die "no X display and no xvfb-run (Debian: apt-get install xvfb xauth)"
    exec xvfb-run -a -s "-screen 0 1024x768x24" bash "$0" "$@"
fi

exe="${1:-}"
if [ -z "$exe" ]; then
    exe="$(ls "$root"/dist/OutreachXL-*-win64.exe 2>/dev/null | sort | tail -1)"
fi
[ -f "$exe" ] || die "no installer: run packaging/windows/build.sh first, or pass the .exe"
check_python="${CHECK_PYTHON:-}"
if [ -z "$check_python" ]; then
    check_python=python3
    [ -x "$root/.ci-venv/bin/python" ] && check_python="$root/.ci-venv/bin/python"
fi
# Absolute (the Linux side runs in other folders), without resolving a venv's symlink.
case "$check_python" in
*/*) check_python="$(cd "$(dirname "$check_python")" && pwd)/$(basename "$check_python")" ;;
esac
"$check_python" -c "import outreach_xl, docx, python_calamine" ||
    die "$check_python cannot import outreach_xl, docx and python_calamine (set CHECK_PYTHON)"

work="$(mktemp -d /tmp/outreach-wine.XXXXXX)"
export WINEPREFIX="$work/prefix" WINEARCH=win64 WINEDEBUG=-all HOME="$work/home"
mkdir -p "$HOME"
# No Mono or Gecko download prompts when the prefix is made; no desktop integration on this host.
export WINEDLLOVERRIDES="mscoree=;mshtml=;winemenubuilder.exe="
cleanup() {
    wineserver -k 2>/dev/null || true
    [ "${KEEP:-0}" = 1 ] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT

# Wine names the Windows user after $USER when it makes the prefix.
winuser="Nguyễn Thị Hà"
step "Wine prefix for user '$winuser'"
USER="$winuser" wine wineboot -i </dev/null >/dev/null 2>&1 || true
wineserver -w
home="$WINEPREFIX/drive_c/users/$winuser"
[ -d "$home" ] || die "Wine did not make the profile $home (users: $(ls "$WINEPREFIX/drive_c/users"))"
# Wine links Documents, Desktop... to the Unix $HOME: make them real folders, as on Windows, so
# nothing is written outside this test's folder.
for link in "$home"/*; do
    if [ -L "$link" ]; then
        rm "$link"
        mkdir "$link"
    fi
done
export USER="$winuser"

# Windows programs under Wine get pipes for stdout and stderr, never files: Python 3.12 under Wine
# 8.0 dies at start ("init_sys_streams ... Invalid handle") when either is a regular file.
# No step may hang: a timeout, and (below) a crash ends the process instead of opening a dialog.
run() { timeout "${STEP_TIMEOUT:-300}" wine "$@" </dev/null 2> >(cat >&2) | cat; }
run reg add 'HKCU\Software\Wine\WineDbg' /v ShowCrashDialog /t REG_DWORD /d 0 /f >/dev/null
winhome="C:\\users\\$winuser"
instdir="$winhome\\Phần mềm\\Báo cáo TTĐN"
inst="$home/Phần mềm/Báo cáo TTĐN"
python="$instdir\\Python\\python.exe"

step "silent install of $(basename "$exe") into $instdir"
t0=$SECONDS
# NSIS wants /D= last and unquoted, spaces and all; wine would quote it, cmd /c passes it as is.
cp "$exe" "$WINEPREFIX/drive_c/setup.exe"
run cmd /c "C:\setup.exe /S /D=$instdir" || die "the installer exited with $?"
wineserver -w
install_time=$((SECONDS - t0))
for f in Python/python.exe Python/pythonw.exe Python/xlwings64-0.37.8.dll \
    Python/Lib/site-packages/outreach_xl/__init__.py Python/Lib/site-packages/pywin32.pth \
    bin/outreach-xl.exe lam_tep.pyw huong-dan.html uninstall.exe; do
    [ -f "$inst/$f" ] || die "not installed: $f"
done
menu="$home/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Báo cáo thông tin đối ngoại"
for lnk in "Tạo tệp báo cáo của trường" "Tạo tệp tổng hợp của đơn vị" "Hướng dẫn sử dụng" \
    "Gỡ cài đặt outreach-xl"; do
    [ -f "$menu/$lnk.lnk" ] || die "no Start-menu entry '$lnk' in $menu"
done
# Test-only, into this prefix: what Wine 8.0 lacks and every Windows 10 has. Stubs that numpy and
# platform reach (wine_shim.py, into the prefix's copy of the Python), and bcryptprimitives.dll,
# which Rust-built extensions (python-calamine) load (wine_bcryptprimitives.py).
cp "$here/wine_shim.py" "$inst/Python/Lib/site-packages/"
echo "import wine_shim" >"$inst/Python/Lib/site-packages/zz_wine_shim.pth"
"$check_python" "$here/wine_bcryptprimitives.py" "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"

# reg.exe prints through the console code page (Vietnamese becomes '?'): read with winreg instead.
hkcu() {
    run "$python" -c "import sys, winreg; sys.stdout.reconfigure(encoding='utf-8')
try:
    print(winreg.QueryValueEx(winreg.OpenKey(winreg.HKEY_CURRENT_USER, sys.argv[1]), sys.argv[2])[0])
except OSError:
    pass" "$1" "$2" | tr -d '\r'
}
uninstall_key='Software\Microsoft\Windows\CurrentVersion\Uninstall\OutreachXL'
[ "$(hkcu "$uninstall_key" InstallLocation)" = "$instdir" ] ||
    die "no uninstall key under HKCU naming $instdir"
[[ "$(hkcu Environment PATH)" == *"$instdir\\bin"* ]] || die "bin\\ not on the user's PATH"
echo "   installed in $install_time s ($(du -sm "$inst" | cut -f1) MiB on disk)"

step "the installed Python"
version="$(run "$python" -m outreach_xl --version | tr -d '\r')"
expected="outreach-xl $("$check_python" -c 'import outreach_xl; print(outreach_xl.__version__)')"
[ "$version" = "$expected" ] || die "--version says '$version', expected '$expected'"
launcher_version="$(run "$instdir\\bin\\outreach-xl.exe" --version | tr -d '\r')"
[ "$launcher_version" = "$expected" ] || die "bin\\outreach-xl.exe --version says '$launcher_version'"
# What Excel's buttons need from a bare `pythonw.exe -c ...`: pywin32 (its .pth), xlwings, COM.
imported="$(run "$python" -c "import win32api, pythoncom, pywintypes, xlwings, outreach_xl.excel; print(xlwings.__version__)" | tr -d '\r')"
[ "$imported" = "0.37.8" ] || die "the installed Python cannot import pywin32 and xlwings"
echo "   $version; pywin32 and xlwings import"

step "Start-menu launcher: workbooks in Documents\\Báo cáo TTĐN"
year="$(date +%Y)"
run "$instdir\\Python\\pythonw.exe" "$instdir\\lam_tep.pyw" truong --no-open
run "$instdir\\Python\\pythonw.exe" "$instdir\\lam_tep.pyw" donvi --no-open
docs="$home/Documents/Báo cáo TTĐN"
school_book="$docs/BaoCao_TTDN_$year.xlsm"
district_book="$docs/TongHop_TTDN_$year.xlsm"
[ -f "$school_book" ] || die "the launcher made no $school_book"
[ -f "$district_book" ] || die "the launcher made no $district_book"
# A second click opens the existing file and never replaces it.
touch -d @1600000000 "$school_book"
run "$instdir\\Python\\pythonw.exe" "$instdir\\lam_tep.pyw" truong --no-open
[ "$(stat -c %Y "$school_book")" = 1600000000 ] || die "the launcher replaced an existing workbook"

step "a button's RunPython command line through cmd.exe, to the workbook's pythonw.exe"
cp "$here/runpython_cmdline.py" "$WINEPREFIX/drive_c/"
run "$python" 'C:\runpython_cmdline.py' "$winhome\\Documents\\Báo cáo TTĐN\\BaoCao_TTDN_$year.xlsm" ||
    die "RunPython's command line did not reach Python intact"

step "validate, report, demo and a roll-up of three schools with the installed Python"
trial="$home/Documents/Thử nghiệm"
mkdir -p "$trial/Ba trường" "$work/linux/Ba trường"
cp "$root/workbook/samples/BaoCao_TTDN_2020_MGMA.xlsx" "$trial/"
cp "$root/workbook/samples/BaoCao_TTDN_2020_MGMA.xlsx" "$work/linux/"
wtrial="$winhome\\Documents\\Thử nghiệm"
run "$python" -m outreach_xl validate "$wtrial\\BaoCao_TTDN_2020_MGMA.xlsx" >"$work/validate.txt" ||
    die "validate of the sample exited $?: $(cat "$work/validate.txt")"
run "$python" -m outreach_xl report "$wtrial\\BaoCao_TTDN_2020_MGMA.xlsx" >"$work/report.txt" ||
    die "report exited $?: $(cat "$work/report.txt")"
run "$python" -m outreach_xl demo "$wtrial\\Chạy thử" >"$work/demo.txt" || die "demo exited $?: $(cat "$work/demo.txt")"
demo="$trial/Chạy thử/tong_hop"
for code in MGMA MGLT THMP; do
    cp "$demo/truong/BaoCao_TTDN_2020_$code.xlsx" "$trial/Ba trường/"
    cp "$demo/truong/BaoCao_TTDN_2020_$code.xlsx" "$work/linux/Ba trường/"
done
cp "$demo/TongHop_TTDN_2020.xlsx" "$trial/"
cp "$demo/TongHop_TTDN_2020.xlsx" "$work/linux/"
run "$python" -m outreach_xl rollup "$wtrial\\Ba trường" --register "$wtrial\\TongHop_TTDN_2020.xlsx" \
    -o "$wtrial\\Tổng hợp ba trường.xlsx" >"$work/rollup.txt" || die "rollup exited $?: $(cat "$work/rollup.txt")"
run "$python" -m outreach_xl district-report "$wtrial\\Tổng hợp ba trường.xlsx" \
    --register "$wtrial\\TongHop_TTDN_2020.xlsx" -o "$wtrial\\Báo cáo ba trường.docx" >"$work/district.txt" ||
    die "district-report exited $?: $(cat "$work/district.txt")"

# The same commands by the Linux package, to compare with.
(
    cd "$work/linux"
    "$check_python" -m outreach_xl report BaoCao_TTDN_2020_MGMA.xlsx >/dev/null
    "$check_python" -m outreach_xl rollup "Ba trường" --register TongHop_TTDN_2020.xlsx \
        -o "Tổng hợp ba trường.xlsx" >/dev/null
    "$check_python" -m outreach_xl district-report "Tổng hợp ba trường.xlsx" \
        --register TongHop_TTDN_2020.xlsx -o "Báo cáo ba trường.docx" >/dev/null
)

step "outputs, checked from Linux"
# The install folder does not fit the ANSI code page, so a workbook names the interpreter by its
# 8.3 short path (xlwings' VBA reads the path through ANSI calls). Ask Windows' own API for it.
long_interpreter="$instdir\\Python\\pythonw.exe"
short_interpreter="$(run "$python" -c "import ctypes, sys
b = ctypes.create_unicode_buffer(1024)
n = ctypes.windll.kernel32.GetShortPathNameW(sys.argv[1], b, 1024)
print(b.value if n else '')" "$long_interpreter" | tr -d '\r')"
[ -n "$short_interpreter" ] && [ "$short_interpreter" != "$long_interpreter" ] ||
    die "Windows gave no 8.3 short path for $long_interpreter"
"$check_python" "$here/smoke_check.py" --wine "$trial" --linux "$work/linux" \
    --school-book "$school_book" --district-book "$district_book" \
    --interpreter "$short_interpreter" --validate-output "$work/validate.txt"

step "uninstall"
run "$instdir\\uninstall.exe" /S
wineserver -w
[ ! -e "$inst/Python" ] || die "the uninstaller left $inst/Python"
[ ! -e "$menu" ] || die "the uninstaller left the Start-menu folder"
[ -f "$school_book" ] || die "the uninstaller removed the user's workbook"
# The installed Python is gone now, so reg.exe (Vietnamese printed as '?': match around it).
! run reg query "HKCU\\$uninstall_key" >/dev/null 2>&1 || die "the uninstaller left its registry key"
path_after="$(run reg query 'HKCU\Environment' /v PATH 2>/dev/null || true)"
[[ ! $path_after =~ TT[^\\]*N\\bin ]] || die "the uninstaller left bin\\ on the PATH"

step "smoke test passed"
echo "smoke time: $((SECONDS - started)) s (install $install_time s)"
