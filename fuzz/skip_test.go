package fuzz

import (
	"bytes"
	"encoding/binary"
	"reflect"
	"sync"
	"testing"

	"github.com/frugaljit/frugal/internal/testtypes"
	"github.com/frugaljit/frugal/wire"
)

// skipInput is how FuzzSkip reads its input.
type skipInput struct {
	seed  int64  // picks the known value
	pos   int    // picks the field boundary of Simple's bytes to splice at
	id    int16  // the spliced field's id
	typ   byte   // and its wire type
	value []byte // bytes after the spliced field's header
}

func readSkipInput(data []byte) skipInput {
	var head [5]byte
	copy(head[:], data)
	in := skipInput{seed: int64(head[0]), pos: int(head[1]), id: int16(binary.BigEndian.Uint16(head[2:])), typ: head[4]}
	if len(data) > 5 {
		in.value = data[5:]
	}
	return in
}

// field returns the spliced field: its header and value, and whether the
// value is well-formed by the reference reader's strict rule (the one the
// codec skips by). When the value bytes start
// with a well-formed value, only that value is spliced, so that what
// follows in the message is unchanged; otherwise all of them are.
func (in skipInput) field() (u []byte, wellFormed bool) {
	u = testtypes.Msg{}.Field(wire.Type(in.typ), in.id)
	end, ok := refSkip(in.value, 0, in.typ, 1, true)
	if ok {
		return append(u, in.value[:end]...), true
	}
	return append(u, in.value...), false
}

// FuzzSkip splices a field of arbitrary id, type and bytes into valid
// messages: at a field boundary of Simple's bytes (built by hand), and
// before the stop byte of an Everything's bytes. Every engine must agree,
// and accept a message only if the reference reader says it is
// well-formed. When the spliced field is well-formed and its id unknown to
// the type, decoding must succeed with the known fields unchanged, and
// Everything (which keeps unknown fields) must hold the field's bytes and
// write the message back byte for byte.
func FuzzSkip(f *testing.F) {
	ls := mustFixedLanes(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		defer watchdog("FuzzSkip")()
		in := readSkipInput(data)
		u, wellFormed := in.field()
		kv := knownValues(ls, in.seed)
		at := kv.bounds[in.pos%len(kv.bounds)]
		checkSplice(t, ls, fixedSimple, kv.simple, spliceAt(kv.simple.b, at, u), in.id, wellFormed, false)
		every := kv.every
		checkSplice(t, ls, fixedEverything, every, spliceAt(every.b, len(every.b)-1, u), in.id, wellFormed, true)
	})
}

// known is a valid message and the value it encodes.
type known struct {
	v any // a pointer to the fixed type
	b []byte
}

func spliceAt(b []byte, at int, u []byte) []byte {
	out := append(append(append([]byte{}, b[:at]...), u...), b[at:]...)
	return out
}

// knownSet is what knownValues returns for one seed.
type knownSet struct {
	simple, every known
	bounds        []int
}

var knownCache struct {
	sync.Mutex
	m map[int64]*knownSet
}

// knownValues returns the known Simple (with its field boundaries) and
// Everything of seed, made once per process: the values are only read.
func knownValues(ls *lanes, seed int64) *knownSet {
	knownCache.Lock()
	defer knownCache.Unlock()
	if k, ok := knownCache.m[seed]; ok {
		return k
	}
	k := &knownSet{every: knownEverything(ls, seed)}
	k.simple, k.bounds = knownSimple(seed)
	if knownCache.m == nil {
		knownCache.m = map[int64]*knownSet{}
	}
	knownCache.m[seed] = k
	return k
}

// knownSimple returns a random Simple and its bytes, written by hand, with
// the offsets of its field boundaries (before each field and the stop).
func knownSimple(seed int64) (known, []int) {
	s := &testtypes.Simple{}
	testtypes.NewRandom(seed).Fill(s)
	var m testtypes.Msg
	var bounds []int
	for _, add := range []func(testtypes.Msg) testtypes.Msg{
		func(m testtypes.Msg) testtypes.Msg { return m.Field(wire.Byte, 1).B(byte(s.ByteField)) },
		func(m testtypes.Msg) testtypes.Msg { return m.Field(wire.I64, 2).I64(s.I64Field) },
		func(m testtypes.Msg) testtypes.Msg { return m.Field(wire.Double, 3).F64(s.DoubleField) },
		func(m testtypes.Msg) testtypes.Msg { return m.Field(wire.I32, 4).I32(s.I32Field) },
		func(m testtypes.Msg) testtypes.Msg { return m.Field(wire.String, 5).Str(s.StringField) },
		func(m testtypes.Msg) testtypes.Msg { return m.Field(wire.String, 6).Str(string(s.BinaryField)) },
		func(m testtypes.Msg) testtypes.Msg { return m.Field(wire.I32, 7).I32(int32(s.EnumField)) },
	} {
		bounds = append(bounds, len(m))
		m = add(m)
	}
	bounds = append(bounds, len(m))
	return known{s, m.Stop()}, bounds
}

// knownEverything returns a random Everything with at most one entry per
// map (so that its encoding is deterministic) and the oracle's bytes for it.
func knownEverything(ls *lanes, seed int64) known {
	e := &testtypes.Everything{}
	testtypes.NewRandom(seed).Fill(e)
	trimMaps(reflect.ValueOf(e))
	b, err := encode(as(e, ls.run[0].types[fixedEverything]))
	if err != nil {
		panic("encoding a random Everything: " + err.Error())
	}
	return known{e, b}
}

// checkSplice decodes msg, k.b with a field of id spliced in, into the fixed
// type ti with every engine.
func checkSplice(t *testing.T, ls *lanes, ti int, k known, msg []byte, id int16, wellFormed, keepsUnknown bool) {
	t.Helper()
	base := fixedTypes[ti]
	rs := decodeAll(ls, ti, msg)
	agree(t, ls, ti, msg, rs)
	ids := fieldIDs(base)
	_, isKnown := ids[id]
	if rs[0].err != nil {
		if wellFormed && !isKnown {
			t.Fatalf("%s: a well-formed field of unknown id %d is refused: %v\nmessage: %x", base, id, rs[0].err, msg)
		}
		return
	}
	checkFraming(t, base, msg, rs[0].n)
	if !wellFormed {
		return // the spliced bytes may end the struct early or run into the fields after them
	}
	if rs[0].n != len(msg) {
		t.Fatalf("%s: decoding read %d of %d bytes\nmessage: %x", base, rs[0].n, len(msg), msg)
	}
	for _, r := range rs {
		if f := changedField(k.v, as(r.v, base), id); f != "" {
			t.Fatalf("%s: field %s changed by splicing field %d\nmessage: %x", base, f, id, msg)
		}
	}
	if !keepsUnknown || isKnown {
		return
	}
	u := msg[len(k.b)-1 : len(msg)-1]
	for k2, r := range rs {
		got := reflect.ValueOf(r.v).MethodByName("UnknownFields")
		if !got.IsValid() {
			got = reflect.ValueOf(as(r.v, base)).MethodByName("UnknownFields")
		}
		kept := got.Call(nil)[0].Bytes()
		if !bytes.Equal(kept, u) {
			t.Fatalf("%s: %s keeps unknown fields %x, want %x\nmessage: %x", base, ls.run[k2].Name, kept, u, msg)
		}
		for _, l := range ls.run {
			out, err := encode(as(r.v, l.types[ti]))
			if err != nil || !bytes.Equal(out, msg) {
				t.Fatalf("%s: decoded by %s, written by %s: error %v, bytes\n%x\nwant\n%x", base, ls.run[k2].Name, l.Name, err, out, msg)
			}
		}
	}
}

// fieldIDs returns the ids of t's serialized fields, read from the tags.
func fieldIDs(t reflect.Type) map[int16]int {
	ids := map[int16]int{}
	for i := 0; i < t.NumField(); i++ {
		if ft, ok := tagOf(t.Field(i)); ok {
			ids[ft.id] = i
		}
	}
	return ids
}

// changedField names the first serialized field, other than the one of id
// skip, whose value differs between the structs a and b point to.
func changedField(a, b any, skip int16) string {
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	t := va.Type()
	for i := 0; i < t.NumField(); i++ {
		ft, ok := tagOf(t.Field(i))
		if !ok || ft.id == skip {
			continue
		}
		if !testtypes.Equal(va.Field(i).Interface(), vb.Field(i).Interface()) {
			return t.Field(i).Name
		}
	}
	return ""
}
