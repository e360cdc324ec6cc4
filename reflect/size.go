package reflect

import (
	"unsafe"

	"github.com/frugaljit/frugal/ir"
)

// Size returns the encoded size of the struct at p (nil: an empty struct). A value that cannot be
// encoded (nil required field, too deep) still gets a size; Encode reports
// the error.
func Size(d *ir.StructDesc, p unsafe.Pointer) int {
	if p == nil {
		return 1 // a nil struct is written empty
	}
	return structSize(d, p, 0)
}

func structSize(d *ir.StructDesc, base unsafe.Pointer, depth int) int {
	if depth > MaxDepth {
		return 1
	}
	n := d.FixedFieldsSize
	for _, k := range d.VarFields {
		f := &d.Fields[k]
		p := unsafe.Add(base, f.Offset)
		if f.Omit != ir.OmitNever && omitted(f, p) {
			continue
		}
		switch {
		case f.Fixed > 0:
			n += 3 + int(f.Fixed)
		case !f.Pointer && (f.Kind == ir.String || f.Kind == ir.Binary):
			n += 3 + 4 + (*stringHeader)(p).Len
		default:
			n += 3 + valueSize(f.Type, p, depth+1)
		}
	}
	if d.UnknownFields >= 0 {
		n += len(*(*[]byte)(unsafe.Add(base, d.UnknownFields)))
	}
	return n
}

// valueSize returns the encoded size of the value stored at p (a pointer
// slot when t.Pointer).
func valueSize(t *ir.Type, p unsafe.Pointer, depth int) int {
	if t.FixedSize > 0 {
		return t.FixedSize
	}
	if t.Pointer {
		if p = *(*unsafe.Pointer)(p); p == nil {
			return 1 // a nil struct is written empty
		}
	}
	switch t.Kind {
	case ir.String, ir.Binary:
		return 4 + (*stringHeader)(p).Len
	case ir.Struct:
		return structSize(t.Struct, p, depth)
	case ir.List, ir.Set:
		s := (*sliceHeader)(p)
		if fs := t.Elem.FixedSize; fs > 0 {
			return 5 + s.Len*fs
		}
		n := 5
		for j := 0; j < s.Len; j++ {
			n += elemSize(t.Elem, unsafe.Add(s.Data, uintptr(j)*t.Elem.Go.Size()), depth+1)
		}
		return n
	case ir.Map:
		return 6 + mapSize(t, p, depth+1)
	}
	return 0
}

// elemSize is valueSize with the common kinds of container elements first.
func elemSize(t *ir.Type, p unsafe.Pointer, depth int) int {
	switch {
	case t.FixedSize > 0:
		return t.FixedSize
	case t.Kind == ir.String || t.Kind == ir.Binary:
		return 4 + (*stringHeader)(p).Len
	case t.Kind == ir.Struct && t.Pointer && *(*unsafe.Pointer)(p) != nil:
		return structSize(t.Struct, *(*unsafe.Pointer)(p), depth)
	}
	return valueSize(t, p, depth)
}

// omitted reports whether an optional field is left out of the encoding.
func omitted(f *ir.Field, p unsafe.Pointer) bool {
	if f.Omit == ir.OmitNil {
		return *(*unsafe.Pointer)(p) == nil // pointer, slice data, map
	}
	return equalsDefault(f.Type, p, f.Default)
}

// equalsDefault compares an inline value with its default.
func equalsDefault(t *ir.Type, p, def unsafe.Pointer) bool {
	switch t.Kind {
	case ir.Bool, ir.I8:
		return *(*uint8)(p) == *(*uint8)(def)
	case ir.I16:
		return *(*uint16)(p) == *(*uint16)(def)
	case ir.I32:
		return *(*uint32)(p) == *(*uint32)(def)
	case ir.I64:
		return *(*uint64)(p) == *(*uint64)(def)
	case ir.Double:
		return *(*float64)(p) == *(*float64)(def) // as thriftgo's IsSet: NaN is always set
	case ir.Enum:
		return loadInt(p, t.Size) == loadInt(def, t.Size)
	case ir.String:
		return *(*string)(p) == *(*string)(def)
	case ir.Binary:
		return string(*(*[]byte)(p)) == string(*(*[]byte)(def))
	}
	return false // inline structs are always written
}
