package fuzz

import (
	"testing"

	"github.com/frugaljit/frugal"
	"github.com/frugaljit/frugal/internal/testtypes"
	"github.com/frugaljit/frugal/wire"
)

// TestKnownDifferences pins behaviour the fuzz targets found and allow for,
// on every engine, so that a change to it is noticed: when one of these
// cases fails because the library changed, update the case and the
// allowance it names.
func TestKnownDifferences(t *testing.T) {
	ls, err := fixedLanes()
	if err != nil {
		t.Fatal(err)
	}
	// Skipping counts a string as a nesting level, decoding a known field
	// does not: an Everything chain 1022 structs deep whose last struct holds
	// map<double:string> (map at level 1023, its string at 1024) decodes into
	// Everything, but the same bytes into Simple (field 45 unknown, so the
	// chain is skipped) are ErrDepthLimit. refSkip's strict rule models the
	// skipping side; FuzzSkip requires success only under it.
	deep := everythingChain(frugal.MaxDepth-1, testtypes.Msg{}.Field(wire.Map, 31).Map(wire.Double, wire.String, 1).F64(1).Str("x"))
	for _, c := range []struct {
		name string
		ti   int
		want string
	}{
		{"string at level 1024 in a known field: accepted", fixedEverything, "ok"},
		{"the same bytes skipped: ErrDepthLimit", fixedSimple, "ErrDepthLimit"},
	} {
		for _, r := range decodeAll(ls, c.ti, deep) {
			if r.class != c.want {
				t.Errorf("%s: got %s (%v), want %s", c.name, r.class, r.err, c.want)
			}
		}
	}
	if _, ok := refSkip(deep, 0, 12, 0, false); !ok {
		t.Error("refSkip (decoding rule) refuses the chain")
	}
	if _, ok := refSkip(deep, 0, 12, 0, true); ok {
		t.Error("refSkip (skipping rule) accepts the chain")
	}
}

// everythingChain nests Everything.Next n deep, each struct with its
// required fields, the innermost also with leaf.
func everythingChain(n int, leaf testtypes.Msg) testtypes.Msg {
	var m testtypes.Msg
	for i := 0; i < n; i++ {
		m = m.B(testtypes.RequiredFields...).Field(wire.Struct, 45)
	}
	m = m.B(testtypes.RequiredFields...).B(leaf...)
	for i := 0; i <= n; i++ {
		m = m.Stop()
	}
	return m
}

// Every engine draws the depth limit where the reflect codec does, level
// for level, on both sides of it: structs inlined into one program count
// as levels as calls between programs do (the interpreter once counted
// only calls, and skipped a field 1023 levels deep that the oracle
// refuses; FuzzDecode found it).
func TestDepthLimitAgrees(t *testing.T) {
	ls, err := fixedLanes()
	if err != nil {
		t.Fatal(err)
	}
	leaves := map[string]testtypes.Msg{
		"unknown i32":   testtypes.Msg{}.Field(wire.I32, 999).I32(1),
		"unknown list":  testtypes.Msg{}.Field(wire.List, 999).List(wire.I32, 1).I32(1),
		"map":           testtypes.Msg{}.Field(wire.Map, 31).Map(wire.Double, wire.String, 1).F64(1).Str("x"),
		"empty map":     testtypes.Msg{}.Field(wire.Map, 31).Map(wire.Double, wire.String, 0),
		"list of bool":  testtypes.Msg{}.Field(wire.List, 19).List(wire.Bool, 1).B(1),
		"empty list":    testtypes.Msg{}.Field(wire.List, 19).List(wire.Bool, 0),
		"optional text": testtypes.Msg{}.Field(wire.String, 13).Str("x"),
	}
	for name, leaf := range leaves {
		for n := frugal.MaxDepth - 3; n <= frugal.MaxDepth+1; n++ {
			data := everythingChain(n, leaf)
			rs := decodeAll(ls, fixedEverything, data)
			for k, r := range rs[1:] {
				if r.class != rs[0].class {
					t.Errorf("%s under %d structs: %s says %s, %s says %s", name, n,
						ls.run[0].Name, rs[0].class, ls.run[k+1].Name, r.class)
				}
			}
		}
	}
}
