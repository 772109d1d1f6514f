# The reference service of ocisc's tests: a Go HTTP service with three third-party modules, built as nixpkgs'
# buildGoModule builds one, without nixpkgs. Builders are the host's /bin/sh, Debian's golang-go (1.19) and
# python3; the module sources are Debian's golang-*-dev packages (/usr/share/gocode/src), served to the go
# command as a GOPROXY file tree, as buildGoModule's fixed-output derivation downloads them from a proxy.
# Build with: nix-build --option sandbox false --option build-users-group "" testdata/go -A hello-svc
let
  system = builtins.currentSystem;
  PATH = "/usr/bin:/bin";
  pname = "hello-svc";
  version = "0.3.1";
  src = ./src/hello-svc;
  modules = [ "github.com/google/uuid@v1.3.0" "github.com/gorilla/mux@v1.8.0" "github.com/pkg/errors@v0.9.1" ];

  # buildGoModule's goModules: `go mod vendor`, then the vendor directory is the output (modules.txt at its
  # root). Fixed-output, so its content is pinned by outputHash (vendorHash in nixpkgs).
  goModules = derivation {
    inherit system PATH src modules;
    name = "${pname}-${version}-go-modules";
    makeProxy = ./make-goproxy.py;
    outputHashMode = "recursive";
    outputHashAlgo = "sha256";
    outputHash = "sha256-7gvjsHYhwvknXvJ0gsJHSwNJR4uDB/rGGjEh8E5fDas=";
    builder = "/bin/sh";
    args = [ "-ec" ''
      export HOME=$PWD GOCACHE=$PWD/go-cache GOPATH=$PWD/go GOSUMDB=off GOFLAGS=-mod=mod GOTOOLCHAIN=local
      python3 "$makeProxy" "$PWD/proxy" $modules
      export GOPROXY=file://$PWD/proxy
      cp -r "$src" source
      chmod -R u+w source
      cd source
      go mod vendor
      cp -r vendor "$out"
    '' ];
  };

  # buildGoModule's build: the vendor directory copied in, `go build -mod=vendor -trimpath`.
  hello-svc = derivation {
    inherit system PATH src pname version goModules;
    name = "${pname}-${version}";
    builder = "/bin/sh";
    args = [ "-ec" ''
      export HOME=$PWD GOCACHE=$PWD/go-cache GOPATH=$PWD/go GOPROXY=off CGO_ENABLED=0 GOTOOLCHAIN=local
      export GOFLAGS="-mod=vendor -trimpath"
      cp -r "$src" source
      chmod -R u+w source
      cp -r "$goModules" source/vendor
      cd source
      mkdir -p "$out/bin"
      go build -buildvcs=false -ldflags "-X main.version=$version" -o "$out/bin/hello-svc" .
    '' ];
  };
in
{
  inherit hello-svc goModules;
}
