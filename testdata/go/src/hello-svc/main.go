// hello-svc: a small HTTP service, the reference scenario of ocisc's tests (a Go service built with Nix).
package main

import (
	"encoding/json"
	"flag"
	"log"
	"net/http"

	"github.com/google/uuid"
	"github.com/gorilla/mux"
	"github.com/pkg/errors"
)

var version = "0.3.1"

type greeting struct {
	ID      string `json:"id"`
	Message string `json:"message"`
}

func greet(w http.ResponseWriter, r *http.Request) {
	name := mux.Vars(r)["name"]
	if name == "" {
		http.Error(w, errors.New("empty name").Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(greeting{ID: uuid.NewString(), Message: "Hello, " + name}); err != nil {
		log.Print(errors.Wrap(err, "writing the response"))
	}
}

func main() {
	addr := flag.String("listen", ":8080", "address to listen on")
	flag.Parse()
	r := mux.NewRouter()
	r.HandleFunc("/hello/{name}", greet).Methods(http.MethodGet)
	r.HandleFunc("/version", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte(version + "\n")) })
	log.Fatal(http.ListenAndServe(*addr, r))
}
