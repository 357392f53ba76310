# Makefile of vises. `make serve` previews the kit; `make test` runs every test CI runs.
GO ?= go
BIN := bin/vises

.PHONY: all build site serve test test-deps check bench clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/vises

site: build
	./$(BIN) build

serve: build
	./$(BIN) serve

test: test-deps check
	$(GO) test ./...

test-deps:
	./tools/test-deps

check:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt: files above need formatting"; exit 1; }
	$(GO) vet ./...
	$(GO) run ./cmd/vises check

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin public
