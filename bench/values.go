package bench

import (
	"strconv"
	"strings"

	"github.com/frugaljit/frugal/bench/gen/baseline"
	"github.com/frugaljit/frugal/bench/gen/benchmsg"
)

// Sizes of the populated values, as the header of idl/baseline.thrift asks.
const (
	stringReps   = 16   // repetitions of stringUnit in every string
	binaryLen    = 256  // bytes in every binary
	containerLen = 8    // entries in every list and map
	smallCount   = 1000 // entries in ListOfSmall.Items
)

// stringUnit mixes multi-byte UTF-8 and control characters.
const stringUnit = "你好,\b\n\r\t世界"

var benchString = strings.Repeat(stringUnit, stringReps)

// key returns a distinct map key of the usual string length plus a prefix.
func key(i int) string { return strconv.Itoa(i) + benchString }

func newBinary() []byte {
	b := make([]byte, binaryLen)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}

// NewSimple returns a populated Simple.
func NewSimple() *baseline.Simple { return newSimple(0) }

// newSimple returns a Simple whose numbers depend on i, so that values built
// with different i are distinct (they serve as map keys in Nesting2).
func newSimple(i int) *baseline.Simple {
	return &baseline.Simple{
		ByteField:   int8(i + 1),
		I64Field:    int64(i) + 1<<40,
		DoubleField: float64(i) + 0.5,
		I32Field:    int32(i) + 1<<20,
		StringField: benchString,
		BinaryField: newBinary(),
		EnumField:   baseline.Enums(i % 3),
	}
}

// NewPartialSimple returns a populated PartialSimple with the same field
// values as NewSimple's, so it is what decoding a NewSimple yields.
func NewPartialSimple() *baseline.PartialSimple {
	return &baseline.PartialSimple{
		ByteField:   1,
		DoubleField: 0.5,
		BinaryField: newBinary(),
	}
}

// NewNesting returns a populated Nesting.
func NewNesting() *baseline.Nesting {
	n := &baseline.Nesting{
		String_:         benchString,
		Double:          1.25,
		I32:             1 << 20,
		I64:             1 << 40,
		MapStringString: make(map[string]string, containerLen),
		SimpleStruct:    NewSimple(),
		MapI32I64:       make(map[int32]int64, containerLen),
		Binary:          newBinary(),
		MapI64String:    make(map[int64]string, containerLen),
		Byte:            1,
		MapStringSimple: make(map[string]*baseline.Simple, containerLen),
	}
	for i := 0; i < containerLen; i++ {
		n.ListSimple = append(n.ListSimple, newSimple(i))
		n.ListI32 = append(n.ListI32, int32(i)+1<<20)
		n.MapStringString[key(i)] = benchString
		n.MapI32I64[int32(i)] = int64(i) + 1<<40
		n.ListString = append(n.ListString, benchString)
		n.MapI64String[int64(i)] = benchString
		n.ListI64 = append(n.ListI64, int64(i)+1<<40)
		n.MapStringSimple[key(i)] = newSimple(i)
	}
	return n
}

// NewNesting2 returns a populated Nesting2.
func NewNesting2() *baseline.Nesting2 {
	n := &baseline.Nesting2{
		MapSimpleNesting: make(map[*baseline.Simple]*baseline.Nesting, containerLen),
		SimpleStruct:     NewSimple(),
		Byte:             1,
		Double:           1.25,
		I64:              1 << 40,
		NestingStruct:    NewNesting(),
		Binary:           newBinary(),
		String_:          benchString,
		I32:              1 << 20,
	}
	for i := 0; i < containerLen; i++ {
		n.MapSimpleNesting[newSimple(i)] = NewNesting()
		n.ListNesting = append(n.ListNesting, NewNesting())
	}
	return n
}

// NewListOfSmall returns a ListOfSmall with 1000 short entries.
func NewListOfSmall() *benchmsg.ListOfSmall {
	l := &benchmsg.ListOfSmall{Items: make([]*benchmsg.Small, smallCount)}
	for i := range l.Items {
		l.Items[i] = newSmall(i)
	}
	return l
}

// NewSmall returns one of ListOfSmall's entries alone: a message so small
// (38 bytes) that what a call costs before and after the codec's own work
// is most of its time.
func NewSmall() *benchmsg.Small { return newSmall(123) }

func newSmall(i int) *benchmsg.Small {
	return &benchmsg.Small{
		ID:    int64(i) + 1<<40,
		Count: int32(i),
		Flag:  i%2 == 0,
		Name:  "item-" + strconv.Itoa(i),
	}
}

// NewRequest returns a request as a Kitex service receives it: ids, a
// query, a list of 8 item ids, and a Base with a log id, the caller's
// name and address, and two Extra entries (no TrafficEnv).
func NewRequest() *benchmsg.Request {
	r := &benchmsg.Request{UserID: 1 << 40, Query: "running shoes size 42", Limit: 20,
		Base: &benchmsg.Base{LogID: "20261207223000010203040506070809", Caller: "p.s.m.frontend",
			Addr: "10.0.0.17:8888", Client: "kitex", Extra: map[string]string{"env": "prod", "cluster": "default"}}}
	for i := range containerLen {
		r.ItemIDs = append(r.ItemIDs, int64(i)*7919+1)
	}
	return r
}
