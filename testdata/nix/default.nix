# Test fixture: a small service ("greeter") built with plain `derivation`,
# no nixpkgs. Builders are the host's /bin/sh and the host's /usr/bin/gcc,
# so nothing of the toolchain ends up in the store.
#
# Regenerate all outputs with ./regen.sh (see README.md).
let
  system = builtins.currentSystem;
  PATH = "/usr/bin:/bin";

  # --- libgreet-1.4.2: C shared library, split into `out` and `dev` -----------
  # `out` holds lib/libgreet.so*, `dev` holds the header and a pkg-config file
  # (which points back at `out`, like multi-output nixpkgs libraries do).
  libgreet = derivation {
    inherit system PATH;
    pname = "libgreet";
    version = "1.4.2";
    name = "libgreet-1.4.2";
    outputs = [ "out" "dev" ];
    src = ./src/libgreet;
    builder = "/bin/sh";
    args = [ "-ec" ''
      cp "$src"/greet.c "$src"/greet.h "$src"/greet.pc.in .
      chmod u+w greet.c greet.h greet.pc.in
      mkdir -p "$out/lib" "$dev/include" "$dev/lib/pkgconfig"
      gcc -O2 -Wall -fPIC -c greet.c -o greet.o
      gcc -shared -Wl,-soname,libgreet.so.1 -o "$out/lib/libgreet.so.$version" greet.o
      ln -s "libgreet.so.$version" "$out/lib/libgreet.so.1"
      ln -s libgreet.so.1 "$out/lib/libgreet.so"
      cp greet.h "$dev/include/greet.h"
      sed -e "s|@out@|$out|g" -e "s|@dev@|$dev|g" greet.pc.in > "$dev/lib/pkgconfig/greet.pc"
    '' ];
  };

  # --- ca-bundle-2024.1: data-only package (like cacert) ----------------------
  caBundle = derivation {
    inherit system PATH;
    pname = "ca-bundle";
    version = "2024.1";
    name = "ca-bundle-2024.1";
    builder = "/bin/sh";
    args = [ "-ec" ''
      mkdir -p "$out/etc/ssl/certs"
      cat > "$out/etc/ssl/certs/ca-bundle.crt" <<'EOF'
      ##
      ## Bundle of CA Root Certificates (fake, for tests only)
      ##

      Example Root CA 1
      =================
      -----BEGIN CERTIFICATE-----
      MIIBszCCAVmgAwIBAgIUZmFrZS1yb290LWNhLTEtZm9yLXRlc3RzMAoGCCqGSM49
      BAMCMCYxJDAiBgNVBAMMG0V4YW1wbGUgUm9vdCBDQSAxIChmYWtlKSAgMB4XDTI0
      MDEwMTAwMDAwMFoXDTM0MDEwMTAwMDAwMFowJjEkMCIGA1UEAwwbRXhhbXBsZSBS
      b290IENBIDEgKGZha2UpICAwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQfakeK
      -----END CERTIFICATE-----

      Example Root CA 2
      =================
      -----BEGIN CERTIFICATE-----
      MIIBszCCAVmgAwIBAgIUZmFrZS1yb290LWNhLTItZm9yLXRlc3RzMAoGCCqGSM49
      BAMCMCYxJDAiBgNVBAMMG0V4YW1wbGUgUm9vdCBDQSAyIChmYWtlKSAgMB4XDTI0
      MDEwMTAwMDAwMFoXDTM0MDEwMTAwMDAwMFowJjEkMCIGA1UEAwwbRXhhbXBsZSBS
      b290IENBIDIgKGZha2UpICAwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATfakeK
      -----END CERTIFICATE-----
      EOF
    '' ];
  };

  # --- greeting-data-1.0.tar: flat fixed-output "download" --------------------
  # A real fetchurl would download one of `urls`; here the builder produces the
  # same deterministic bytes offline (ustar, fixed mtime/owner, sorted).
  greetingData = derivation {
    inherit system PATH;
    name = "greeting-data-1.0.tar";
    urls = [
      "https://downloads.example.org/greeting-data-1.0.tar"
      "https://mirror.example.net/greeting-data-1.0.tar"
    ];
    outputHashMode = "flat";
    outputHashAlgo = "sha256";
    outputHash = "f619fe364ee1f6b3199bf91ffc35b331f7ec54f961cfb2d5f87e3deb9036ec7c";
    builder = "/bin/sh";
    args = [ "-ec" ''
      mkdir greeting-data-1.0
      printf 'en\tHello\nde\tHallo\nda\tHej\nfr\tBonjour\nes\tHola\n' > greeting-data-1.0/greetings.tsv
      printf 'greeting-data 1.0\nTab-separated language code and greeting.\n' > greeting-data-1.0/README
      chmod 0755 greeting-data-1.0
      chmod 0644 greeting-data-1.0/greetings.tsv greeting-data-1.0/README
      tar --format=ustar --sort=name --mtime=@1 --owner=0 --group=0 --numeric-owner \
        -cf "$out" greeting-data-1.0
    '' ];
  };

  # --- fonts-src-0.3: recursive (NAR) fixed-output "download" -----------------
  fontsSrc = derivation {
    inherit system PATH;
    name = "fonts-src-0.3";
    url = "https://downloads.example.org/fonts-src-0.3.tar.gz";
    outputHashMode = "recursive";
    outputHashAlgo = "sha256";
    outputHash = "sha256-hhr/qe6R8kyaKaTzm1k82iVzlXrTPHQg6qkqNvoIqKQ=";
    builder = "/bin/sh";
    args = [ "-ec" ''
      mkdir -p "$out/fonts"
      printf 'Greeter Sans is a made-up font used for tests.\nPublic domain.\n' > "$out/LICENSE"
      printf 'STARTFONT 2.1\nFONT -greeter-sans-medium-r-normal--8-80-75-75-c-50-iso10646-1\nFAMILY_NAME "Greeter Sans"\nSIZE 8 75 75\nCHARS 0\nENDFONT\n' > "$out/fonts/greeter-sans.bdf"
    '' ];
  };

  # --- greeter.conf: a plain file added with builtins.toFile (no deriver) -----
  greeterConf = builtins.toFile "greeter.conf" ''
    # greeter default configuration
    language=de
    update-check=https://updates.example.org/greeter/latest
  '';

  # --- greeter-assets-0.2: uses __structuredAttrs ------------------------------
  # The builder gets .attrs.json / .attrs.sh instead of plain env vars. PATH is
  # only written into those files (not exported) in that mode, so the /bin/sh
  # script sets it itself.
  greeterAssets = derivation {
    inherit system PATH;
    pname = "greeter-assets";
    version = "0.2";
    name = "greeter-assets-0.2";
    __structuredAttrs = true;
    banners = {
      default = "*** Welcome to greeter ***";
      holiday = "*** Season's greetings from greeter ***";
    };
    themes = [ "plain" "boxed" ];
    builder = "/bin/sh";
    args = [ "-ec" ''
      PATH=/usr/bin:/bin
      export PATH
      json="$NIX_ATTRS_JSON_FILE"
      out=$(sed -n 's/.*"outputs":{"out":"\([^"]*\)"}.*/\1/p' "$json")
      mkdir -p "$out/share/greeter/banners"
      sed -n 's/.*"default":"\([^"]*\)".*/\1/p' "$json" > "$out/share/greeter/banners/default.txt"
      sed -n 's/.*"holiday":"\([^"]*\)".*/\1/p' "$json" > "$out/share/greeter/banners/holiday.txt"
      sed -n 's/.*"themes":\[\([^]]*\)\].*/\1/p' "$json" | tr -d '"' | tr ',' '\n' > "$out/share/greeter/themes.list"
    '' ];
  };

  # --- greeter-2.1.0: the application ----------------------------------------
  # Runtime references: libgreet.out (RUNPATH), ca-bundle, greeter.conf,
  # greeter-assets (compiled-in paths + wrapper script).
  # Build-time only: libgreet.dev, greeting-data, fonts-src, the patch, the source.
  greeter = derivation {
    inherit system PATH;
    pname = "greeter";
    version = "2.1.0";
    name = "greeter-2.1.0";
    outputs = [ "out" "doc" ];
    src = ./src/greeter;
    patches = [ ./patches/fix-greeting.patch ];
    libgreet = libgreet.out;
    libgreetDev = libgreet.dev;
    caBundle = caBundle;
    greetingData = greetingData;
    fontsSrc = fontsSrc;
    assets = greeterAssets;
    config = greeterConf;
    builder = "/bin/sh";
    args = [ "-ec" ''
      cp -r "$src" source
      chmod -R u+w source
      cd source
      for p in $patches; do
        echo "applying patch $p"
        patch -p1 < "$p"
      done

      # build-time inputs: greeting table from the tarball, font name from fonts-src
      tar -xf "$greetingData"
      {
        echo 'static const struct { const char *lang; const char *text; } greetings[] = {'
        sed -e 's/^\([^\t]*\)\t\(.*\)$/    { "\1", "\2" },/' greeting-data-1.0/greetings.tsv
        echo '};'
      } > greetings.h
      font=$(sed -n 's/^FAMILY_NAME "\(.*\)"$/\1/p' "$fontsSrc/fonts/greeter-sans.bdf")

      mkdir -p "$out/bin" "$out/libexec/greeter"
      gcc -O2 -Wall -o "$out/libexec/greeter/greeter" greeter.c \
        -I"$libgreetDev/include" -L"$libgreet/lib" -Wl,-rpath,"$libgreet/lib" -lgreet \
        -DGREETER_VERSION="\"$version\"" \
        -DGREETER_CONFIG_DEFAULT="\"$config\"" \
        -DGREETER_CA_BUNDLE="\"$caBundle/etc/ssl/certs/ca-bundle.crt\"" \
        -DGREETER_ASSETS_DIR="\"$assets/share/greeter\"" \
        -DGREETER_FONT="\"$font\""

      # makeWrapper-style launcher
      cat > "$out/bin/greeter" <<EOF
      #!/bin/sh
      export SSL_CERT_FILE="\''${SSL_CERT_FILE-$caBundle/etc/ssl/certs/ca-bundle.crt}"
      export GREETER_CONFIG="\''${GREETER_CONFIG-$config}"
      exec "$out/libexec/greeter/greeter" "\$@"
      EOF
      chmod 0755 "$out/bin/greeter"

      mkdir -p "$doc/share/doc/greeter" "$doc/share/man/man1"
      printf 'greeter %s\n\nPrints a localized greeting. Set GREETER_CONFIG to use another config file.\n' "$version" \
        > "$doc/share/doc/greeter/README"
      printf '.TH GREETER 1\n.SH NAME\ngreeter \\- print a friendly greeting\n.SH SYNOPSIS\n.B greeter\n[NAME | --version]\n' \
        > "$doc/share/man/man1/greeter.1"
    '' ];
  };
in
{
  inherit libgreet greetingData fontsSrc greeterAssets greeter;
  ca-bundle = caBundle;
  greeter-conf = greeterConf;
}
