# A synthetic closure of N packages for benchmarks: package i depends on packages i-1, i/2 and (i*7) mod i
# (when those exist), at build time and, because its output holds their paths, at run time too. Plain
# derivations, builder /bin/sh, no nixpkgs. Top level: the last package; every other is in its closure.
{ n ? 10000 }:
let
  sys = builtins.currentSystem;
  deps = i: builtins.filter (j: j >= 0 && j < i)
    (if i == 0 then [ ] else [ (i - 1) (i / 2) (i * 7 - (i * 7 / i) * i) ]);
  pkg = i: derivation {
    name = "pkg${toString i}-1.${toString (i - (i / 10) * 10)}";
    system = sys;
    builder = "/bin/sh";
    args = [ "-c" "echo \"$refs\" > $out" ];
    refs = builtins.concatStringsSep " " (map (j: "${pkgs.${toString j}}") (deps i));
  };
  pkgs = builtins.listToAttrs (builtins.genList (i: { name = toString i; value = pkg i; }) n);
in pkgs.${toString (n - 1)}
