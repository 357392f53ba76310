# Makefile of vises. `make serve` previews the kit; `make test` runs every test CI runs.
GO ?= go
BIN := bin/vises
# staticcheck runs at a pinned version through the module proxy, so a fresh machine needs no install.
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
# The folder of this Makefile, so that its scripts are found from anywhere (make -f).
ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))

.PHONY: all go-version build install site serve test test-deps check bench bench-go clean release

all: build

# go-version stops early, with the version needed, when Go is older than go.mod's go line.
go-version:
	@$(ROOT)/tools/go-version "$(GO)"

build: go-version
	$(GO) build -o $(BIN) ./cmd/vises

# install puts vises on the PATH, in $(go env GOPATH)/bin (or GOBIN).
install: go-version
	$(GO) install ./cmd/vises

site: build
	./$(BIN) build

serve: build
	./$(BIN) serve

test: go-version test-deps check
	@echo "make test: go test ./... (a line per package as it finishes; the browser and PDF tests take several minutes)"
	$(GO) test -timeout 45m ./...

test-deps: go-version
	@echo "make test: what the tests need beyond Go (tools/test-deps)"
	@$(ROOT)/tools/test-deps

check: go-version
	@echo "make check: gofmt, go vet, staticcheck, vises check on the kit"
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt: files above need formatting"; exit 1; }
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	$(GO) run ./cmd/vises check

# bench compares vises with Hugo on a generated site (HUGO=1 installs Hugo first) and writes
# BENCHMARKS.md; bench-go runs the Go benchmarks of each stage, the picker and serve.
bench: go-version
	@if [ -n "$(HUGO)" ] && ! command -v hugo >/dev/null; then apt-get update -qq && apt-get install -y -qq hugo; fi
	$(GO) run ./tools/bench -pages $${PAGES:-5000} -runs $${RUNS:-5}

bench-go: go-version
	$(GO) test -run '^$$' -bench . -benchmem ./...

# release builds vises for Linux, macOS (amd64, arm64) and Windows (amd64) into dist/: one archive
# per platform with the README and the licence files, and SHA256SUMS (tools/release). VERSION
# defaults to git describe.
release: go-version
	$(GO) run ./tools/release -out dist $(if $(VERSION),-version $(VERSION))

# clean removes bin/ and, with vises clean, public/ only if vises wrote everything in it.
clean: go-version
	rm -rf bin
	$(GO) run ./cmd/vises clean
