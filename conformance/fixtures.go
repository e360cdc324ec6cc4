package conformance

import (
	"fmt"
	"strings"

	"github.com/frugaljit/frugal/conformance/gen/baseline"
)

// BaselineString is the string value baseline.thrift's header asks for: 16
// repetitions of "你好,\b\n\r\t世界".
var BaselineString = strings.Repeat("你好,\b\n\r\t世界", 16)

// BaselineBinary returns the 256-byte binary value used in the baseline
// structs: the bytes 0 to 255 rotated by seed.
func BaselineBinary(seed int) []byte {
	b := make([]byte, 256)
	for i := range b {
		b[i] = byte(i + seed)
	}
	return b
}

// BaselineEntries is the length of every list and map in the baseline values.
const BaselineEntries = 8

// NewBaselineSimple returns a fully populated Simple; seed varies the numbers.
func NewBaselineSimple(seed int) *baseline.Simple {
	return &baseline.Simple{
		ByteField:   int8(seed),
		I64Field:    int64(seed) * 1_000_000_007,
		DoubleField: float64(seed) + 0.25,
		I32Field:    int32(seed) * 65_537,
		StringField: BaselineString,
		BinaryField: BaselineBinary(seed),
		EnumField:   baseline.Enums(seed % 3),
	}
}

// NewBaselinePartialSimple returns a fully populated PartialSimple.
func NewBaselinePartialSimple(seed int) *baseline.PartialSimple {
	return &baseline.PartialSimple{
		ByteField:   int8(seed),
		DoubleField: float64(seed) + 0.25,
		BinaryField: BaselineBinary(seed),
	}
}

// NewBaselineNesting returns a fully populated Nesting: 8 entries in every
// list and map.
func NewBaselineNesting(seed int) *baseline.Nesting {
	n := &baseline.Nesting{
		String_:         BaselineString,
		Double:          float64(seed) * 1.5,
		I32:             int32(seed),
		I64:             int64(seed) << 33,
		MapStringString: map[string]string{},
		SimpleStruct:    NewBaselineSimple(seed),
		MapI32I64:       map[int32]int64{},
		Binary:          BaselineBinary(seed),
		MapI64String:    map[int64]string{},
		Byte:            int8(seed),
		MapStringSimple: map[string]*baseline.Simple{},
	}
	for i := 0; i < BaselineEntries; i++ {
		key := fmt.Sprintf("%s%d", BaselineString, i)
		n.ListSimple = append(n.ListSimple, NewBaselineSimple(seed+i))
		n.ListI32 = append(n.ListI32, int32(seed+i))
		n.MapStringString[key] = BaselineString
		n.MapI32I64[int32(i)] = int64(seed+i) << 40
		n.ListString = append(n.ListString, BaselineString)
		n.MapI64String[int64(i)<<35] = BaselineString
		n.ListI64 = append(n.ListI64, int64(seed+i)<<31)
		n.MapStringSimple[key] = NewBaselineSimple(seed + i)
	}
	return n
}

// NewBaselineNesting2 returns a fully populated Nesting2: 8 entries in every
// list and map, each a fully populated Nesting.
func NewBaselineNesting2(seed int) *baseline.Nesting2 {
	n := &baseline.Nesting2{
		MapSimpleNesting: map[*baseline.Simple]*baseline.Nesting{},
		SimpleStruct:     NewBaselineSimple(seed),
		Byte:             int8(seed),
		Double:           float64(seed) / 3,
		I64:              int64(seed) << 50,
		NestingStruct:    NewBaselineNesting(seed),
		Binary:           BaselineBinary(seed),
		String_:          BaselineString,
		I32:              int32(seed) << 20,
	}
	for i := 0; i < BaselineEntries; i++ {
		n.MapSimpleNesting[NewBaselineSimple(seed+i)] = NewBaselineNesting(seed + i)
		n.ListNesting = append(n.ListNesting, NewBaselineNesting(seed+i))
	}
	return n
}
