package fuzz

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/frugaljit/frugal"
	"github.com/frugaljit/frugal/internal/testtypes"
	"github.com/frugaljit/frugal/wire"
)

var updateCorpus = flag.Bool("update-corpus", false, "rewrite the seed corpora in testdata/fuzz from seedCorpora")

// seedPrefix starts the names of generated seed files; other files in
// testdata/fuzz (regressions, crashers) are left alone.
const seedPrefix = "seed-"

// TestSeedCorpus checks that testdata/fuzz holds exactly the seed files
// seedCorpora generates, or rewrites them with -update-corpus:
//
//	go test ./fuzz -run TestSeedCorpus -update-corpus
func TestSeedCorpus(t *testing.T) {
	ls, err := fixedLanes()
	if err != nil {
		t.Fatal(err)
	}
	for target, seeds := range seedCorpora(ls) {
		dir := filepath.Join("testdata", "fuzz", target)
		want := map[string][]byte{}
		for name, data := range seeds {
			want[seedPrefix+name] = corpusFile(data)
		}
		if *updateCorpus {
			writeCorpus(t, dir, want)
			continue
		}
		for name, content := range want {
			got, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil || !bytes.Equal(got, content) {
				t.Errorf("%s/%s is missing or stale (%v): run go test ./fuzz -run TestSeedCorpus -update-corpus", dir, name, err)
			}
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if _, ok := want[e.Name()]; !ok && strings.HasPrefix(e.Name(), seedPrefix) {
				t.Errorf("%s/%s is no longer generated: run go test ./fuzz -run TestSeedCorpus -update-corpus", dir, e.Name())
			}
		}
	}
}

func writeCorpus(t *testing.T, dir string, files map[string][]byte) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if _, ok := files[e.Name()]; !ok && strings.HasPrefix(e.Name(), seedPrefix) {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				t.Fatal(err)
			}
		}
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%s: %d seed files", dir, len(files))
}

// corpusFile is the file go test reads as a one-[]byte fuzz input.
func corpusFile(data []byte) []byte {
	return []byte(fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data))
}

// seedCorpora returns, per target, the seed inputs by name.
func seedCorpora(ls *lanes) map[string]map[string][]byte {
	return map[string]map[string][]byte{
		"FuzzDecode": decodeSeeds(ls),
		"FuzzSkip":   skipSeeds(),
		"FuzzSchema": schemaSeeds(),
	}
}

// oracleBytes encodes v (a pointer to a fixed type) with the reflect
// engine, with at most one entry per map so that the bytes are
// deterministic.
func oracleBytes(ls *lanes, ti int, v any) []byte {
	trimMaps(reflect.ValueOf(v))
	b, err := encode(as(v, ls.run[0].types[ti]))
	if err != nil {
		panic(err)
	}
	return b
}

func decodeSeeds(ls *lanes) map[string][]byte {
	s := map[string][]byte{}
	valid := map[string][]byte{
		"Simple-baseline":  oracleBytes(ls, fixedSimple, testtypes.NewSimple()),
		"Nesting-baseline": oracleBytes(ls, fixedNesting, testtypes.NewNesting()),
	}
	for seed := int64(1); seed <= 3; seed++ {
		for ti, typ := range fixedTypes {
			v := reflect.New(typ).Interface()
			testtypes.NewRandom(seed).Fill(v)
			valid[fmt.Sprintf("%s-random-%d", typ.Name(), seed)] = oracleBytes(ls, ti, v)
		}
	}
	for name, b := range valid {
		s["valid-"+name] = b
		if strings.HasSuffix(name, "-1") || strings.HasSuffix(name, "-baseline") {
			for _, cut := range []int{1, 3, len(b) / 2, len(b) - 1} {
				s[fmt.Sprintf("truncated-%s-at-%d", name, cut)] = b[:cut]
			}
		}
	}
	for _, c := range testtypes.Malformed(frugal.MaxDepth) {
		s["malformed-"+slug(c.Name)] = c.Buf
	}
	s["skipped-lists-1023-deep"] = testtypes.Msg{}.Field(wire.List, 200).B(listNest(frugal.MaxDepth - 1)...).Stop()
	s["skipped-structs-1023-deep"] = structNest(frugal.MaxDepth - 1)
	s["skipped-structs-1024-deep"] = structNest(frugal.MaxDepth)
	s["known-string-at-level-1024"] = everythingChain(frugal.MaxDepth-1,
		testtypes.Msg{}.Field(wire.Map, 31).Map(wire.Double, wire.String, 1).F64(1).Str("x")) // see TestKnownDifferences
	s["hostile-string-2^31-1"] = testtypes.Msg{}.Field(wire.String, 5).I32(1<<31 - 1).Stop()
	s["hostile-skipped-map-2^31-1"] = testtypes.Msg{}.Field(wire.Map, 300).Map(wire.Struct, wire.Struct, 1<<31-1).Stop()
	return s
}

// listNest is an unknown field's value nested n lists deep (the outermost
// list is one level), ending in an empty list<i32>.
func listNest(n int) testtypes.Msg {
	var m testtypes.Msg
	for i := 1; i < n; i++ {
		m = m.List(wire.List, 1)
	}
	return m.List(wire.I32, 0)
}

// structNest is a message whose unknown field 300 nests structs n deep
// (the innermost holding an i32 field).
func structNest(n int) testtypes.Msg {
	var m testtypes.Msg
	for i := 0; i < n; i++ {
		m = m.Field(wire.Struct, 300)
	}
	m = m.Field(wire.I32, 1).I32(7)
	for i := 0; i <= n; i++ {
		m = m.Stop()
	}
	return m
}

func skipSeeds() map[string][]byte {
	values := map[string]struct {
		typ wire.Type
		v   testtypes.Msg
	}{
		"bool":              {wire.Bool, testtypes.Msg{}.B(1)},
		"byte":              {wire.Byte, testtypes.Msg{}.B(0x80)},
		"double":            {wire.Double, testtypes.Msg{}.F64(-0.5)},
		"i16":               {wire.I16, testtypes.Msg{}.I16(-2)},
		"i32":               {wire.I32, testtypes.Msg{}.I32(1 << 30)},
		"i64":               {wire.I64, testtypes.Msg{}.I64(-1 << 60)},
		"string":            {wire.String, testtypes.Msg{}.Str("héllo")},
		"struct":            {wire.Struct, testtypes.Msg{}.Field(wire.I32, 1).I32(5).Field(wire.String, 2).Str("x").Stop()},
		"map":               {wire.Map, testtypes.Msg{}.Map(wire.String, wire.I32, 2).Str("a").I32(1).Str("b").I32(2)},
		"set":               {wire.Set, testtypes.Msg{}.List(wire.I64, 2).I64(1).I64(2)},
		"list-of-lists":     {wire.List, testtypes.Msg{}.List(wire.List, 2).List(wire.Bool, 1).B(1).List(wire.Struct, 0)},
		"list-2^31-1":       {wire.List, testtypes.Msg{}.List(wire.Struct, 1<<31-1).Stop()},
		"string-2^31-1":     {wire.String, testtypes.Msg{}.I32(1<<31 - 1).B('a')},
		"negative-map":      {wire.Map, testtypes.Msg{}.Map(wire.I32, wire.I32, -1)},
		"unknown-elem-type": {wire.List, testtypes.Msg{}.List(wire.Type(9), 1).B(0)},
		"type-id-1":         {wire.Type(1), testtypes.Msg{}.B(0)},
		"lists-1022-deep":   {wire.List, listNest(frugal.MaxDepth - 1)},
	}
	s := map[string][]byte{}
	for name, v := range values {
		for _, id := range []int16{200, -7, 5} {
			for _, pos := range []byte{0, 7} {
				data := []byte{byte(len(name)), pos, byte(uint16(id) >> 8), byte(id), byte(v.typ)}
				s[fmt.Sprintf("%s-id%d-pos%d", name, id, pos)] = append(data, v.v...)
			}
		}
	}
	return s
}

func schemaSeeds() map[string][]byte {
	s := map[string][]byte{}
	for key := 0; key < 24; key++ {
		data := []byte{byte(key >> 8), byte(key)}
		for i := 0; i < 64; i++ {
			data = append(data, byte(i*37+key))
		}
		s[fmt.Sprintf("schema-%d", key)] = data
	}
	s["schema-1023-empty-value"] = []byte{3, 255}
	return s
}

// slug turns a case name into a file name.
func slug(name string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '^' {
			return r
		}
		return '-'
	}, name)
}
