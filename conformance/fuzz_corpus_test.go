package conformance

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/frugaljit/frugal"
)

var updateFuzzCorpus = flag.Bool("update-fuzz-corpus", false, "rewrite testdata/fuzz/FuzzApacheDecode's seed files")

// fuzzSeedPrefix starts the names of generated seed files; other files
// (regressions, crashers) are left alone.
const fuzzSeedPrefix = "seed-"

// TestApacheFuzzCorpus checks that testdata/fuzz/FuzzApacheDecode holds
// exactly the seed files apacheSeeds generates, or rewrites them with
// -update-fuzz-corpus:
//
//	cd conformance && go test -run TestApacheFuzzCorpus -update-fuzz-corpus
func TestApacheFuzzCorpus(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzApacheDecode")
	want := map[string][]byte{}
	for name, data := range apacheSeeds(t) {
		want[fuzzSeedPrefix+name] = []byte(fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data))
	}
	entries, _ := os.ReadDir(dir)
	if *updateFuzzCorpus {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if _, ok := want[e.Name()]; !ok && strings.HasPrefix(e.Name(), fuzzSeedPrefix) {
				if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
					t.Fatal(err)
				}
			}
		}
		names := make([]string, 0, len(want))
		for name := range want {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			if err := os.WriteFile(filepath.Join(dir, name), want[name], 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("%s: %d seed files", dir, len(want))
		return
	}
	for name, content := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, content) {
			t.Errorf("%s/%s is missing or stale (%v): run go test -run TestApacheFuzzCorpus -update-fuzz-corpus", dir, name, err)
		}
	}
	for _, e := range entries {
		if _, ok := want[e.Name()]; !ok && strings.HasPrefix(e.Name(), fuzzSeedPrefix) {
			t.Errorf("%s/%s is no longer generated: run go test -run TestApacheFuzzCorpus -update-fuzz-corpus", dir, e.Name())
		}
	}
}

// apacheSeeds returns FuzzApacheDecode's seed inputs by name: Apache's
// bytes for random values of each fuzzed type (map entries sorted, so the
// files are stable) and cuts of them, the hand-built messages of
// decode_test.go, huge counts, and nesting around Apache's skip limit (64)
// and the library's (1023).
func apacheSeeds(t *testing.T) map[string][]byte {
	s := map[string][]byte{}
	for ti, typ := range fuzzTypes {
		for i := 0; i < 3; i++ {
			b, err := ApacheEncode(NewGen(uint64(ti*10 + i)).Struct(typ).(ApacheStruct))
			if err != nil {
				t.Fatal(err)
			}
			if b, _, err = Canonical(b); err != nil {
				t.Fatal(err)
			}
			name := fmt.Sprintf("%s-%d", typ.Name(), i)
			s["valid-"+name] = b
			if i == 0 {
				for _, cut := range []int{1, len(b) / 2, len(b) - 1} {
					s[fmt.Sprintf("truncated-%s-at-%d", name, cut)] = b[:cut]
				}
			}
		}
	}
	for i, c := range decodeCases {
		s[fmt.Sprintf("handbuilt-%d", i)] = c.b
	}
	s["huge-list"] = []byte{tList, 0, 2, tStruct, 0x7f, 0xff, 0xff, 0xff, tStop}
	s["huge-string"] = []byte{tString, 0, 1, 0x7f, 0xff, 0xff, 0xff, tStop}
	s["huge-skipped-map"] = []byte{tMap, 0x10, 0, tString, tI32, 0x7f, 0xff, 0xff, 0xff, tStop}
	for _, depth := range []int{63, 65, frugal.MaxDepth + 1} {
		s[fmt.Sprintf("skipped-lists-%d-deep", depth)] = skippedLists(depth)
	}
	return s
}

// skippedLists is a message with an unknown field (id 4096) of depth
// nested lists.
func skippedLists(depth int) []byte {
	b := []byte{tList, 0x10, 0}
	for i := 1; i < depth; i++ {
		b = append(b, tList, 0, 0, 0, 1)
	}
	return append(b, tI32, 0, 0, 0, 0, tStop)
}
