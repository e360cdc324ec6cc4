package reflect

import (
	"encoding/binary"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/frugaljit/frugal/ir"
	"github.com/frugaljit/frugal/wire"
)

// Decode decodes one struct from buf into the struct at p and returns the
// number of bytes read. Fields absent from buf keep their values; struct
// pointers, containers, strings and binaries that are present are replaced.
func Decode(buf []byte, sd *ir.StructDesc, p unsafe.Pointer) (int, error) {
	d := decoders.Get().(*decoder)
	d.buf = buf
	n, err := d.structv(sd, p, 0, 0)
	d.buf = nil
	decoders.Put(d)
	if err != nil {
		err = wire.InField(err, sd.Name)
	}
	return n, err
}

var decoders = sync.Pool{New: func() any { return new(decoder) }}

// decoder is the state of one Decode call, pooled: the input, the chunk that
// pointer-free values are carved from, and scratch space.
type decoder struct {
	buf     []byte
	chunk   []byte          // zeroed pointer-free memory for scalars
	off     int             // bytes of chunk used
	text    strings.Builder // string and binary bytes
	scratch sliceHeader
	unknown []int // [start, end) offsets of unknown fields, a stack shared by nested structs
}

func (d *decoder) structv(sd *ir.StructDesc, base unsafe.Pointer, i, depth int) (int, error) {
	if depth > MaxDepth {
		return i, depthError()
	}
	buf := d.buf
	var seen uint64 // bit k: field sd.Required[k] was read
	var seenMore []uint64
	if len(sd.Required) > 64 {
		seenMore = make([]uint64, (len(sd.Required)+63)/64)
	}
	mark := len(d.unknown)
	var err error
	for {
		if i >= len(buf) {
			return i, wire.Truncated(i, 1)
		}
		tp := wire.Type(buf[i])
		if tp == wire.Stop {
			i++
			break
		}
		if len(buf)-i < 3 {
			return i, wire.Truncated(i, 3)
		}
		id := int16(binary.BigEndian.Uint16(buf[i+1:]))
		i += 3
		f := sd.FieldByID(id)
		if f == nil || f.Wire != tp {
			start := i - 3
			if !tp.Valid() {
				return i, wire.InField(wire.UnknownType(tp, start), "<field "+strconv.Itoa(int(id))+">")
			}
			if i, err = skip(buf, i, tp, depth+1); err != nil {
				return i, wire.InField(err, "<field "+strconv.Itoa(int(id))+">")
			}
			if sd.UnknownFields >= 0 {
				d.unknown = append(d.unknown, start, i)
			}
			continue
		}
		t := f.Type
		fp := unsafe.Add(base, f.Offset)
		if t.FixedSize > 0 && !t.Pointer {
			if len(buf)-i < t.FixedSize {
				return i, wire.InField(wire.Truncated(i, t.FixedSize), f.Name)
			}
			getScalar(buf[i:], t, fp)
			i += t.FixedSize
		} else if i, err = d.value(t, fp, i, depth+1, f.NoCopy); err != nil {
			return i, wire.InField(err, f.Name)
		}
		if f.Required == ir.Required {
			k := f.RequiredIndex
			if k < 64 {
				seen |= 1 << k
			} else {
				seenMore[k/64] |= 1 << (k % 64)
			}
		}
	}
	if n := len(sd.Required); n > 0 {
		for k, fi := range sd.Required {
			var ok bool
			if k < 64 {
				ok = seen&(1<<k) != 0
			} else {
				ok = seenMore[k/64]&(1<<(k%64)) != 0
			}
			if !ok {
				f := &sd.Fields[fi]
				return i, &wire.Error{Class: wire.ErrMissingRequired, Path: f.Name,
					Detail: "field " + strconv.Itoa(int(f.ID)) + " is required"}
			}
		}
	}
	if len(d.unknown) > mark {
		d.keepUnknown(sd, base, mark)
	}
	return i, nil
}

// keepUnknown stores the unknown fields recorded since mark into the
// struct's _unknownFields, in the order they came, and pops them.
func (d *decoder) keepUnknown(sd *ir.StructDesc, base unsafe.Pointer, mark int) {
	n := 0
	for k := mark; k < len(d.unknown); k += 2 {
		n += d.unknown[k+1] - d.unknown[k]
	}
	out := make([]byte, 0, n)
	for k := mark; k < len(d.unknown); k += 2 {
		out = append(out, d.buf[d.unknown[k]:d.unknown[k+1]]...)
	}
	*(*[]byte)(unsafe.Add(base, sd.UnknownFields)) = out
	d.unknown = d.unknown[:mark]
}

// value decodes a value of type t into the slot at p (a pointer slot when
// t.Pointer: the pointee is allocated). p itself never escapes, so callers
// may pass pointers to locals.
func (d *decoder) value(t *ir.Type, p unsafe.Pointer, i, depth int, nocopy bool) (int, error) {
	if !t.Pointer {
		return d.inline(t, p, i, depth, nocopy)
	}
	q := d.newValue(t)
	*(*unsafe.Pointer)(p) = q
	return d.inline(t, q, i, depth, nocopy)
}

// newValue allocates the pointee of a pointer type, with the struct's
// defaults set.
func (d *decoder) newValue(t *ir.Type) unsafe.Pointer {
	switch t.Kind {
	case ir.Struct:
		q := newStruct(t)
		if t.Struct.InitDefault != nil {
			t.Struct.CallInitDefault(q)
		}
		return q
	case ir.String:
		return unsafe.Pointer(new(string))
	case ir.Binary:
		return unsafe.Pointer(new([]byte))
	}
	return d.noscan(int(t.Size), int(t.Value.Align()))
}

// inline decodes a value of type t into the memory at p.
func (d *decoder) inline(t *ir.Type, p unsafe.Pointer, i, depth int, nocopy bool) (int, error) {
	buf := d.buf
	if fs := t.FixedSize; fs > 0 {
		if len(buf)-i < fs {
			return i, wire.Truncated(i, fs)
		}
		getScalar(buf[i:], t, p)
		return i + fs, nil
	}
	switch t.Kind {
	case ir.String, ir.Binary:
		n, i, err := wire.ReadLength(buf, i, 1)
		if err != nil {
			return i, err
		}
		var data unsafe.Pointer
		switch {
		case n == 0:
			data = unsafe.Pointer(&emptyData)
		case nocopy:
			data = unsafe.Pointer(&buf[i])
		default:
			data = d.copyBytes(buf[i : i+n])
		}
		if t.Kind == ir.String {
			if n == 0 {
				data = nil
			}
			*(*stringHeader)(p) = stringHeader{Data: data, Len: n}
		} else {
			*(*sliceHeader)(p) = sliceHeader{Data: data, Len: n, Cap: n}
		}
		return i + n, nil
	case ir.Struct:
		if !t.Pointer { // newValue set up a pointed-to struct already
			resetStruct(t, p)
		}
		return d.structv(t.Struct, p, i, depth)
	case ir.List, ir.Set:
		return d.list(t, p, i, depth)
	case ir.Map:
		return d.mapv(t, p, i, depth)
	}
	return i, wire.Errorf(wire.ErrInvalidValue, "no decoding for "+t.String())
}

func (d *decoder) list(t *ir.Type, p unsafe.Pointer, i, depth int) (int, error) {
	if depth > MaxDepth {
		return i, depthError()
	}
	buf := d.buf
	if len(buf)-i < 5 {
		return i, wire.Truncated(i, 5)
	}
	et := t.Elem
	got := wire.Type(buf[i])
	n, i, err := wire.ReadCount(buf, i+1, et.Wire, 0)
	if err != nil {
		return i, err
	}
	if n > 0 && got != et.Wire {
		return i, wire.Errorf(wire.ErrTypeMismatch, t.String()+" holds "+et.Wire.String()+", message has "+got.String())
	}
	if n == 0 {
		*(*sliceHeader)(p) = sliceHeader{Data: unsafe.Pointer(&emptyData)}
		return i, nil
	}
	stride := int(et.Go.Size())
	if fs := et.FixedSize; fs > 0 && !et.Pointer {
		data := d.noscan(n*stride, int(et.Go.Align()))
		for j := 0; j < n; j++ {
			getScalar(buf[i+j*fs:], et, unsafe.Add(data, j*stride))
		}
		*(*sliceHeader)(p) = sliceHeader{Data: data, Len: n, Cap: n}
		return i + n*fs, nil
	}
	data, c := d.typedSlice(t.Value, n)
	*(*sliceHeader)(p) = sliceHeader{Data: data, Len: n, Cap: c}
	if et.Pointer && et.Kind == ir.Struct {
		return d.structPointers(et, data, n, i, depth)
	}
	for j := 0; j < n; j++ {
		if i, err = d.inline(et, unsafe.Add(data, j*stride), i, depth+1, false); err != nil {
			return i, wire.InField(err, wire.Index(j))
		}
	}
	return i, nil
}

// structPointers fills n pointer slots at slots with structs allocated in
// one batch, decoding each from buf[i:].
func (d *decoder) structPointers(et *ir.Type, slots unsafe.Pointer, n, i, depth int) (int, error) {
	batch, _ := d.typedSlice(et.Batch, n)
	size := int(et.Size)
	var err error
	for j := 0; j < n; j++ {
		q := unsafe.Add(batch, j*size)
		*(*unsafe.Pointer)(unsafe.Add(slots, uintptr(j)*ptrSize)) = q
		if et.Struct.InitDefault != nil {
			et.Struct.CallInitDefault(q)
		}
		if i, err = d.structv(et.Struct, q, i, depth+1); err != nil {
			return i, wire.InField(err, wire.Index(j))
		}
	}
	return i, nil
}

func (d *decoder) mapv(t *ir.Type, p unsafe.Pointer, i, depth int) (int, error) {
	if depth > MaxDepth {
		return i, depthError()
	}
	buf := d.buf
	if len(buf)-i < 6 {
		return i, wire.Truncated(i, 6)
	}
	kt, vt := wire.Type(buf[i]), wire.Type(buf[i+1])
	n, i, err := wire.ReadCount(buf, i+2, t.Key.Wire, t.Elem.Wire)
	if err != nil {
		return i, err
	}
	if n > 0 && (kt != t.Key.Wire || vt != t.Elem.Wire) {
		return i, wire.Errorf(wire.ErrTypeMismatch, t.String()+" holds "+t.Key.Wire.String()+":"+t.Elem.Wire.String()+
			", message has "+kt.String()+":"+vt.String())
	}
	return decodeMapEntries(d, t, p, n, i, depth+1)
}
