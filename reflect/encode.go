package reflect

import (
	"encoding/binary"
	"math"
	"strconv"
	"unsafe"

	"github.com/cloudwego/gopkg/protocol/thrift"
	"github.com/frugaljit/frugal/ir"
	"github.com/frugaljit/frugal/wire"
)

// Encode writes the struct at p (nil: an empty struct) into buf and returns the number of bytes
// written there. With a non-nil w, strings and binaries of
// wire.NocopyThreshold bytes or more go to w.WriteDirect instead of buf. It
// never writes past len(buf): a buffer too small is wire.ErrShortBuffer.
func Encode(buf []byte, w thrift.NocopyWriter, d *ir.StructDesc, p unsafe.Pointer) (int, error) {
	if p == nil { // a nil struct is written empty
		if len(buf) < 1 {
			return 0, shortBuffer(0, 1)
		}
		buf[0] = byte(wire.Stop)
		return 1, nil
	}
	// Fields are set one at a time: a composite literal here is written with
	// 8-byte stores and copied with 16-byte loads, which stalls every call.
	var e encoder
	e.buf = buf
	e.w = w
	// The encoder reaches indirect calls (map instantiations), which escape
	// analysis assumes keep it; it does not outlive this call.
	n, err := (*encoder)(noescape(unsafe.Pointer(&e))).structv(d, p, 0, 0)
	if err != nil {
		err = wire.InField(err, d.Name)
	}
	return n, err
}

type encoder struct {
	buf []byte
	w   thrift.NocopyWriter
}

func shortBuffer(i, need int) error {
	return wire.Errorf(wire.ErrShortBuffer, "need "+strconv.Itoa(need)+" bytes at offset "+strconv.Itoa(i)+
		"; did the value change after EncodedSize?")
}

func (e *encoder) structv(d *ir.StructDesc, base unsafe.Pointer, i, depth int) (int, error) {
	if depth > MaxDepth {
		return i, wire.Errorf(wire.ErrDepthLimit, "structs nest deeper than "+strconv.Itoa(MaxDepth)+" (a pointer cycle?)")
	}
	var err error
	for k := range d.Fields {
		f := &d.Fields[k]
		p := unsafe.Add(base, f.Offset)
		if f.Omit != ir.OmitNever && omitted(f, p) {
			continue
		}
		if f.Pointer {
			if p = *(*unsafe.Pointer)(p); p == nil && f.Required == ir.Required {
				return i, &wire.Error{Class: wire.ErrNilRequired, Path: f.Name}
			}
		}
		fs := int(f.Fixed)
		if len(e.buf)-i < 3+fs {
			return i, shortBuffer(i, 3+fs)
		}
		// Checked above: 3+fs bytes are there, so write them unchecked.
		h := (*[3]byte)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(e.buf)), i))
		h[0], h[1], h[2] = byte(f.Wire), byte(uint16(f.ID)>>8), byte(f.ID)
		i += 3
		if fs > 0 {
			v := unsafe.Add(unsafe.Pointer(h), 3)
			switch f.Kind { // the common widths inline; the rest take putScalarAt
			case ir.I64, ir.Double:
				binary.BigEndian.PutUint64((*[8]byte)(v)[:], *(*uint64)(p))
			case ir.I32:
				binary.BigEndian.PutUint32((*[4]byte)(v)[:], *(*uint32)(p))
			default:
				putScalarAt(v, f.Kind, f.Type.Size, p)
			}
			i += fs
			continue
		}
		if p == nil { // a nil default struct pointer is written empty
			if i >= len(e.buf) {
				return i, shortBuffer(i, 1)
			}
			e.buf[i] = byte(wire.Stop)
			i++
			continue
		}
		switch f.Kind {
		case ir.String, ir.Binary:
			s := (*stringHeader)(p)
			if n := s.Len; n < wire.NocopyThreshold && len(e.buf)-i >= 4+n { // e.bytes, inline
				binary.BigEndian.PutUint32((*[4]byte)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(e.buf)), i))[:], uint32(n))
				i += 4 + copy(e.buf[i+4:], unsafe.Slice((*byte)(s.Data), n))
				continue
			}
			i, err = e.bytes(unsafe.Slice((*byte)(s.Data), s.Len), i)
		case ir.Struct:
			i, err = e.structv(f.Type.Struct, p, i, depth+1)
		default:
			i, err = e.inline(f.Type, p, i, depth+1)
		}
		if err != nil {
			return i, wire.InField(err, f.Name)
		}
	}
	if d.UnknownFields >= 0 {
		u := *(*[]byte)(unsafe.Add(base, d.UnknownFields))
		if len(e.buf)-i < len(u) {
			return i, shortBuffer(i, len(u))
		}
		i += copy(e.buf[i:], u)
	}
	if i >= len(e.buf) {
		return i, shortBuffer(i, 1)
	}
	e.buf[i] = byte(wire.Stop)
	return i + 1, nil
}

// value encodes the value stored at p (a pointer slot when t.Pointer).
func (e *encoder) value(t *ir.Type, p unsafe.Pointer, i, depth int) (int, error) {
	if t.Pointer {
		p = *(*unsafe.Pointer)(p)
		if p == nil { // only structs reach here: a nil one is written empty
			if i >= len(e.buf) {
				return i, shortBuffer(i, 1)
			}
			e.buf[i] = byte(wire.Stop)
			return i + 1, nil
		}
	}
	return e.inline(t, p, i, depth)
}

// inline encodes the value at p (never a pointer slot).
func (e *encoder) inline(t *ir.Type, p unsafe.Pointer, i, depth int) (int, error) {
	if t.FixedSize > 0 {
		if len(e.buf)-i < t.FixedSize {
			return i, shortBuffer(i, t.FixedSize)
		}
		putScalar(e.buf[i:], t, p)
		return i + t.FixedSize, nil
	}
	switch t.Kind {
	case ir.String, ir.Binary:
		s := (*stringHeader)(p)
		return e.bytes(unsafe.Slice((*byte)(s.Data), s.Len), i)
	case ir.Struct:
		return e.structv(t.Struct, p, i, depth)
	case ir.List, ir.Set:
		return e.list(t, (*sliceHeader)(p), i, depth)
	case ir.Map:
		return e.mapv(t, p, i, depth)
	}
	return i, wire.Errorf(wire.ErrInvalidValue, "no encoding for "+t.String())
}

// bytes writes a length-prefixed string or binary, handing large ones to
// the NocopyWriter.
func (e *encoder) bytes(s []byte, i int) (int, error) {
	if len(s) > math.MaxInt32 {
		return i, wire.Errorf(wire.ErrInvalidValue, "string of "+strconv.Itoa(len(s))+" bytes")
	}
	if len(e.buf)-i < 4 {
		return i, shortBuffer(i, 4)
	}
	binary.BigEndian.PutUint32(e.buf[i:], uint32(len(s)))
	i += 4
	if e.w != nil && len(s) >= wire.NocopyThreshold {
		if len(e.buf)-i < 0 {
			return i, shortBuffer(i, 0)
		}
		return i, e.w.WriteDirect(s, len(e.buf)-i)
	}
	if len(e.buf)-i < len(s) {
		return i, shortBuffer(i, len(s))
	}
	return i + copy(e.buf[i:], s), nil
}

func (e *encoder) list(t *ir.Type, s *sliceHeader, i, depth int) (int, error) {
	if depth > MaxDepth {
		return i, wire.Errorf(wire.ErrDepthLimit, "containers nest deeper than "+strconv.Itoa(MaxDepth))
	}
	if s.Len > math.MaxInt32 {
		return i, wire.Errorf(wire.ErrInvalidValue, "list of "+strconv.Itoa(s.Len)+" elements")
	}
	et := t.Elem
	if len(e.buf)-i < 5 {
		return i, shortBuffer(i, 5)
	}
	e.buf[i] = byte(et.Wire)
	binary.BigEndian.PutUint32(e.buf[i+1:], uint32(s.Len))
	i += 5
	stride := et.Go.Size()
	if fs := et.FixedSize; fs > 0 && !et.Pointer {
		if len(e.buf)-i < s.Len*fs {
			return i, shortBuffer(i, s.Len*fs)
		}
		b := e.buf[i : i+s.Len*fs]
		for j := 0; j < s.Len; j++ {
			putScalar(b[j*fs:], et, unsafe.Add(s.Data, uintptr(j)*stride))
		}
		return i + s.Len*fs, nil
	}
	var err error
	for j := 0; j < s.Len; j++ {
		if i, err = e.elem(et, unsafe.Add(s.Data, uintptr(j)*stride), i, depth+1); err != nil {
			return i, wire.InField(err, wire.Index(j))
		}
	}
	return i, nil
}

// elem encodes a container element, map key or map value stored at p: value
// with the common kinds first, skipping two levels of dispatch.
func (e *encoder) elem(t *ir.Type, p unsafe.Pointer, i, depth int) (int, error) {
	switch {
	case t.FixedSize > 0 && !t.Pointer:
		if len(e.buf)-i < t.FixedSize {
			return i, shortBuffer(i, t.FixedSize)
		}
		putScalarAt(unsafe.Add(unsafe.Pointer(unsafe.SliceData(e.buf)), i), t.Kind, t.Size, p)
		return i + t.FixedSize, nil
	case t.Kind == ir.String || t.Kind == ir.Binary:
		h := (*stringHeader)(p)
		return e.bytes(unsafe.Slice((*byte)(h.Data), h.Len), i)
	case t.Kind == ir.Struct && t.Pointer && *(*unsafe.Pointer)(p) != nil:
		return e.structv(t.Struct, *(*unsafe.Pointer)(p), i, depth)
	}
	return e.value(t, p, i, depth)
}

func (e *encoder) mapv(t *ir.Type, p unsafe.Pointer, i, depth int) (int, error) {
	if depth > MaxDepth {
		return i, wire.Errorf(wire.ErrDepthLimit, "containers nest deeper than "+strconv.Itoa(MaxDepth))
	}
	return encodeMap(e, t, p, i, depth+1)
}
