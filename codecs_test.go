package frugal

import (
	"reflect"
	"strconv"
	"testing"
	"unsafe"
)

// Many types, made at run time, each find their own codec.
func TestCodecTableManyTypes(t *testing.T) {
	types := make([]reflect.Type, 300)
	for i := range types {
		types[i] = reflect.StructOf([]reflect.StructField{{
			Name: "F", Type: reflect.TypeOf(int32(0)),
			Tag: reflect.StructTag(`frugal:"` + strconv.Itoa(i+1) + `,default,i32"`),
		}})
		if err := Pretouch(types[i]); err != nil {
			t.Fatal(err)
		}
	}
	for i, rt := range types {
		v := reflect.New(rt).Interface()
		c, _, err := prepare(v)
		if err != nil || c.desc.Fields[0].ID != int16(i+1) {
			t.Fatalf("type %d found the codec of field %d (%v)", i, c.desc.Fields[0].ID, err)
		}
	}
}

// Up to a few dozen types, however their type words are spaced, each sits
// in the slot it hashes to, so that lookup, which checks only that slot,
// finds every one; get finds them all.
func TestCodecTableSpreadsSmallSets(t *testing.T) {
	mem := make([]byte, 24*4096)
	for _, stride := range []int{8, 16, 48, 64, 96, 4096} {
		for n := 1; n <= 24; n++ {
			var table *codecTable
			for i := range n {
				table = table.with(unsafe.Pointer(&mem[i*stride]), &typeCodec{engine: EngineInterp, why: strconv.Itoa(i)})
			}
			if table.n != n {
				t.Fatalf("stride %d: %d types, table holds %d", stride, n, table.n)
			}
			mask := uintptr(len(table.slots) - 1)
			for i := range n {
				typ := unsafe.Pointer(&mem[i*stride])
				if c := table.get(typ); c == nil || c.why != strconv.Itoa(i) {
					t.Fatalf("stride %d, %d types: type %d not found", stride, n, i)
				}
				if table.slots[hashType(typ, table.mul, table.shift)&mask].typ != typ {
					t.Fatalf("stride %d, %d types: type %d is not in the slot it hashes to (%d slots, multiplier %#x)", stride, n, i, len(table.slots), table.mul)
				}
			}
		}
	}
}
