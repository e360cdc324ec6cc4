package kitexdropin

import (
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/frugaljit/frugal/bench/kitexdropin/kitex_gen/baseline"
)

// entries in every list and map of the test values.
const entries = 4

var text = strings.Repeat("你好,\b\n\r\t世界", 4)

func newSimple(i int) *baseline.Simple {
	bin := make([]byte, 64)
	for j := range bin {
		bin[j] = byte(i + j)
	}
	return &baseline.Simple{
		ByteField:   int8(i),
		I64Field:    int64(i) + 1<<40,
		DoubleField: float64(i) + 0.5,
		I32Field:    int32(i) - 1<<20,
		StringField: strconv.Itoa(i) + text,
		BinaryField: bin,
		EnumField:   baseline.Enums(i % 3),
	}
}

func newNesting(i int) *baseline.Nesting {
	n := &baseline.Nesting{
		String_:         text,
		Double:          -1.25,
		I32:             int32(i),
		I64:             -1 << 40,
		MapStringString: map[string]string{},
		SimpleStruct:    newSimple(i),
		MapI32I64:       map[int32]int64{},
		Binary:          []byte(text),
		MapI64String:    map[int64]string{},
		Byte:            -1,
		MapStringSimple: map[string]*baseline.Simple{},
	}
	for j := 0; j < entries; j++ {
		k := strconv.Itoa(j)
		n.ListSimple = append(n.ListSimple, newSimple(j))
		n.ListI32 = append(n.ListI32, int32(j))
		n.MapStringString[k] = text
		n.MapI32I64[int32(j)] = int64(j) << 33
		n.ListString = append(n.ListString, k+text)
		n.MapI64String[int64(j)] = text
		n.ListI64 = append(n.ListI64, int64(j)<<34)
		n.MapStringSimple[k] = newSimple(j)
	}
	return n
}

func newNesting2() *baseline.Nesting2 {
	n := &baseline.Nesting2{
		MapSimpleNesting: map[*baseline.Simple]*baseline.Nesting{},
		SimpleStruct:     newSimple(7),
		Byte:             3,
		Double:           2.5,
		I64:              1 << 50,
		NestingStruct:    newNesting(9),
		Binary:           []byte{0, 1, 2, 255},
		String_:          text,
		I32:              -7,
	}
	for j := 0; j < entries; j++ {
		n.MapSimpleNesting[newSimple(j)] = newNesting(j)
		n.ListNesting = append(n.ListNesting, newNesting(j))
	}
	return n
}

// equalNesting2 is reflect.DeepEqual except for MapSimpleNesting, whose
// pointer keys never match across a decode: its entries are compared in the
// order of their keys' I64Field (distinct in the test values).
func equalNesting2(a, b *baseline.Nesting2) bool {
	if len(a.MapSimpleNesting) != len(b.MapSimpleNesting) {
		return false
	}
	ea, eb := sortedEntries(a.MapSimpleNesting), sortedEntries(b.MapSimpleNesting)
	if !reflect.DeepEqual(ea, eb) {
		return false
	}
	ca, cb := *a, *b
	ca.MapSimpleNesting, cb.MapSimpleNesting = nil, nil
	return reflect.DeepEqual(&ca, &cb)
}

type entry struct {
	Key   *baseline.Simple
	Value *baseline.Nesting
}

func sortedEntries(m map[*baseline.Simple]*baseline.Nesting) []entry {
	out := make([]entry, 0, len(m))
	for k, v := range m {
		out = append(out, entry{k, v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key.I64Field < out[j].Key.I64Field })
	return out
}
