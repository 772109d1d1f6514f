# Tiny derivations for `ocisc verify nix`: no nixpkgs, builder /bin/sh, the host's coreutils.
# Build with: nix-build --option sandbox false testdata/diff/nix -A <name>
let
  mk = name: script: derivation {
    inherit name;
    system = builtins.currentSystem;
    builder = "/bin/sh";
    args = [ "-c" script ];
    PATH = "/usr/bin:/bin";
  };
in rec {
  # Same bytes every time.
  deterministic = mk "ocisc-deterministic" ''
    mkdir -p $out/share
    printf 'hello, reproducible world\n' > $out/share/greeting.txt
    printf 'v=1\n' > $out/version
  '';
  # The build time (to the nanosecond, so two builds in the same second still differ).
  time = mk "ocisc-embeds-time" ''
    mkdir -p $out
    printf 'name=demo\n' > $out/info.txt
    printf 'built=%s\n' "$(date -u +%Y-%m-%dT%H:%M:%S.%N)" >> $out/info.txt
    printf 'end\n' >> $out/info.txt
  '';
  # 16 random bytes, as hex.
  random = mk "ocisc-embeds-random" ''
    mkdir -p $out
    printf 'id=%s\n' "$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')" > $out/id.txt
  '';
  # Depends on the other three: for --recursive.
  all = mk "ocisc-verify-all" ''
    mkdir -p $out
    printf '%s\n' ${deterministic} ${time} ${random} > $out/inputs
  '';
}
