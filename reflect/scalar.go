package reflect

import (
	"encoding/binary"
	"math"
	"unsafe"

	"github.com/frugaljit/frugal/ir"
)

// loadInt reads an integer of the given width as int64, sign-extended: the
// way enums of any Go integer type become i32 on the wire.
func loadInt(p unsafe.Pointer, size uintptr) int64 {
	switch size {
	case 1:
		return int64(*(*int8)(p))
	case 2:
		return int64(*(*int16)(p))
	case 4:
		return int64(*(*int32)(p))
	}
	return *(*int64)(p)
}

// storeInt writes v into an integer of the given width.
func storeInt(p unsafe.Pointer, size uintptr, v int64) {
	switch size {
	case 1:
		*(*int8)(p) = int8(v)
	case 2:
		*(*int16)(p) = int16(v)
	case 4:
		*(*int32)(p) = int32(v)
	default:
		*(*int64)(p) = v
	}
}

// putScalar encodes the fixed-size value at p into b, which has room for
// t.FixedSize bytes.
func putScalar(b []byte, t *ir.Type, p unsafe.Pointer) {
	switch t.Kind {
	case ir.Bool:
		b[0] = 0
		if *(*bool)(p) {
			b[0] = 1
		}
	case ir.I8:
		b[0] = *(*byte)(p)
	case ir.I16:
		binary.BigEndian.PutUint16(b, *(*uint16)(p))
	case ir.I32:
		binary.BigEndian.PutUint32(b, *(*uint32)(p))
	case ir.I64, ir.Double:
		binary.BigEndian.PutUint64(b, *(*uint64)(p))
	case ir.Enum:
		binary.BigEndian.PutUint32(b, uint32(loadInt(p, t.Size)))
	}
}

// getScalar decodes a fixed-size value from b, which holds t.FixedSize
// bytes, into p.
func getScalar(b []byte, t *ir.Type, p unsafe.Pointer) {
	switch t.Kind {
	case ir.Bool:
		*(*bool)(p) = b[0] == 1 // as Apache Thrift: any other byte is false
	case ir.I8:
		*(*byte)(p) = b[0]
	case ir.I16:
		*(*uint16)(p) = binary.BigEndian.Uint16(b)
	case ir.I32:
		*(*uint32)(p) = binary.BigEndian.Uint32(b)
	case ir.I64:
		*(*uint64)(p) = binary.BigEndian.Uint64(b)
	case ir.Double:
		*(*float64)(p) = math.Float64frombits(binary.BigEndian.Uint64(b))
	case ir.Enum:
		storeInt(p, t.Size, int64(int32(binary.BigEndian.Uint32(b))))
	}
}

// putScalarAt is putScalar for a destination known to hold the value's
// FixedSize bytes: the caller checked, so there is no bounds check here.
func putScalarAt(dst unsafe.Pointer, k ir.Kind, size uintptr, p unsafe.Pointer) {
	switch k {
	case ir.Bool:
		v := byte(0)
		if *(*bool)(p) {
			v = 1
		}
		*(*byte)(dst) = v
	case ir.I8:
		*(*byte)(dst) = *(*byte)(p)
	case ir.I16:
		binary.BigEndian.PutUint16((*[2]byte)(dst)[:], *(*uint16)(p))
	case ir.I32:
		binary.BigEndian.PutUint32((*[4]byte)(dst)[:], *(*uint32)(p))
	case ir.I64, ir.Double:
		binary.BigEndian.PutUint64((*[8]byte)(dst)[:], *(*uint64)(p))
	case ir.Enum:
		binary.BigEndian.PutUint32((*[4]byte)(dst)[:], uint32(loadInt(p, size)))
	}
}
