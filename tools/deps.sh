#!/usr/bin/env bash
# Check for every tool `make run` and `make test` need; install the missing
# Debian packages when we may (root or password-less sudo), otherwise print
# the one command that would.
set -eu

# tool -> Debian package that provides it
need="
qemu-system-x86_64:qemu-system-x86
nasm:nasm
grub-mkrescue:grub-common
xorriso:xorriso
mformat:mtools
gdb:gdb
gcc:gcc
ld:binutils
make:make
python3:python3
musl-gcc:musl-tools
"
missing=""
for entry in $need; do
	tool=${entry%%:*}
	package=${entry#*:}
	command -v "$tool" >/dev/null 2>&1 || missing="$missing $package"
done
# grub-mkrescue needs the BIOS platform files to make a bootable ISO.
[ -d /usr/lib/grub/i386-pc ] || missing="$missing grub-pc-bin"
# QEMU's BIOS (SeaBIOS) ships separately on some releases.
[ -e /usr/share/qemu/bios-256k.bin ] || [ -e /usr/share/seabios/bios-256k.bin ] ||
	missing="$missing seabios"

missing=$(echo $missing | tr ' ' '\n' | sort -u | tr '\n' ' ')
[ -z "${missing// }" ] && exit 0

if [ "$(id -u)" = 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo="sudo -n"
else
	echo "deps.sh: missing packages:$missing" >&2
	echo "deps.sh: run: sudo apt-get install -y --no-install-recommends $missing" >&2
	exit 1
fi
echo "deps.sh: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null || $sudo apt-get update
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
