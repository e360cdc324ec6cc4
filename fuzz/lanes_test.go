package fuzz

import (
	"fmt"
	"reflect"
	"sync"
	"testing"
)

// lane is an engine that is built here, with its pinned types.
type lane struct {
	Engine
	types []reflect.Type // parallel to the base types the lanes were set up for
}

// lanes are the engines a target compares, and the ones it cannot.
type lanes struct {
	run     []lane   // run[0] is reflect, the oracle
	skipped []string // "name: reason" of each engine that is not built
}

// setupLanes pins, for every engine, variants[engine name] (one type per
// base type) to that engine. An engine that refuses its first type as
// unavailable is skipped with the reason; one that then refuses another
// type, or any other failure, is an error: an engine that exists must run
// every valid schema.
func setupLanes(variants func(e Engine) []reflect.Type) (*lanes, error) {
	ls := &lanes{}
	for _, e := range Engines {
		types := variants(e)
		for i, t := range types {
			ok, reason, err := e.Pin(t)
			if err != nil {
				return nil, err
			}
			if !ok {
				if i > 0 {
					return nil, fmt.Errorf("engine %s runs %s but not %s: %s", e.Name, types[0], t, reason)
				}
				ls.skipped = append(ls.skipped, e.Name+": "+reason)
				break
			}
			if i == len(types)-1 {
				ls.run = append(ls.run, lane{e, types})
			}
		}
	}
	if len(ls.run) == 0 || ls.run[0].Name != "reflect" {
		return nil, fmt.Errorf("the reflect engine (the oracle) is not available; running %d engines", len(ls.run))
	}
	return ls, nil
}

// fixedLanes are the lanes of fixedTypes, set up once per process.
var fixedLanes = sync.OnceValues(func() (*lanes, error) {
	return setupLanes(func(e Engine) []reflect.Type { return fixedVariants[e.Name] })
})

// mustFixedLanes returns fixedLanes for a fuzz target and logs the engines
// it will not compare (visible with -v; TestEngines reports them as
// skipped).
func mustFixedLanes(f *testing.F) *lanes {
	ls, err := fixedLanes()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range ls.skipped {
		f.Logf("not compared (engine not built): %s", s)
	}
	return ls
}

// TestEngines reports each engine the targets compare: a pass for an
// engine that runs every fixed type, a skip (with the reason) for one that
// is not built, so that a comparison that did not happen never shows as a
// pass.
func TestEngines(t *testing.T) {
	ls, err := fixedLanes()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range Engines {
		t.Run(e.Name, func(t *testing.T) {
			for _, l := range ls.run {
				if l.Name == e.Name {
					if len(l.types) != len(fixedTypes) {
						t.Fatalf("%d types pinned, want %d", len(l.types), len(fixedTypes))
					}
					return
				}
			}
			for _, s := range ls.skipped {
				if len(s) > len(e.Name) && s[:len(e.Name)+1] == e.Name+":" {
					t.Skipf("not compared by FuzzDecode, FuzzSchema, FuzzSkip: %s", s)
				}
			}
			t.Fatalf("engine %s is neither run nor skipped", e.Name)
		})
	}
}
