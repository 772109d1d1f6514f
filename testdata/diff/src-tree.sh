# Sourced by make-tar-pairs.sh and make-image-pairs.sh: the small tree both make their pairs from (text, binaries,
# a symlink, a nested directory whose path is longer than 100 bytes), every time pinned.

# stamp DIR: every mtime in DIR set to 1700000000, links included.
stamp() { find "$1" -exec touch -h -d @1700000000 {} +; }

# mk_src DIR
mk_src() {
  local d=$1
  local long="usr/share/doc/a-rather-long-directory-name-for-the-long-name-methods/and-one-more-level-of-nesting"
  mkdir -p "$d/etc" "$d/usr/bin" "$d/$long"
  printf 'name=demo\nversion=1.0\nbuilt=yes\n' > "$d/etc/demo.conf"
  printf '#!/bin/sh\necho hello\n' > "$d/usr/bin/hello"
  head -c 3000 /dev/zero | tr '\0' 'x' > "$d/$long/README.txt"
  printf '\x7fELF\x02\x01\x01\x00binary-payload-0123456789\x00\x01\x02' > "$d/usr/bin/tool"
  chmod 0755 "$d/usr/bin/hello" "$d/usr/bin/tool"
  chmod 0644 "$d/etc/demo.conf"
  ln -s hello "$d/usr/bin/hi"
  stamp "$d"
}
