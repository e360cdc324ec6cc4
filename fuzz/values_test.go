package fuzz

import (
	"bytes"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/frugaljit/frugal"
)

// newTarget returns a new *t with its IDL defaults set, as thriftgo's
// constructors do.
func newTarget(t reflect.Type) any {
	v := reflect.New(t).Interface()
	if d, ok := v.(interface{ InitDefault() }); ok {
		d.InitDefault()
	}
	return v
}

// as converts the struct pointer v to a pointer to t, a type with the same
// underlying struct (tags aside): the same memory, seen as another type.
func as(v any, t reflect.Type) any {
	return reflect.ValueOf(v).Convert(reflect.PointerTo(t)).Interface()
}

// guardBytes surround the buffer encode hands to EncodeObject, which must
// leave them as they are.
const guardBytes = 16

// guardFill is what the guard bytes and the buffer hold before encoding.
const guardFill = 0xa5

// encode runs EncodedSize and EncodeObject on v and checks that they agree
// and that EncodeObject wrote only inside its buffer (whose capacity is
// its length): a write at a wrong position may fit in a large enough
// buffer and still land outside the bytes the encoder reports.
func encode(v any) ([]byte, error) {
	size := frugal.EncodedSize(v)
	mem := bytes.Repeat([]byte{guardFill}, guardBytes+size+guardBytes)
	buf := mem[guardBytes : guardBytes+size : guardBytes+size]
	n, err := frugal.EncodeObject(buf, nil, v)
	if err != nil {
		return nil, err
	}
	if n != size {
		return nil, fmt.Errorf("EncodeObject wrote %d bytes, EncodedSize said %d", n, size)
	}
	for i := range guardBytes {
		if mem[i] != guardFill || mem[guardBytes+size+i] != guardFill {
			return nil, fmt.Errorf("EncodeObject wrote outside its %d-byte buffer: %x|%x|%x",
				size, mem[:guardBytes], buf, mem[guardBytes+size:])
		}
	}
	return buf, nil
}

// fieldTag is what the tags of a struct field say.
type fieldTag struct {
	id       int16
	optional bool
}

// tagOf reads a field's frugal tag (or, without one, its thrift tag); ok is
// false for a field that is not serialized.
func tagOf(sf reflect.StructField) (ft fieldTag, ok bool) {
	if !sf.IsExported() || sf.Anonymous {
		return ft, false
	}
	var idPart, req string
	if s, found := sf.Tag.Lookup("frugal"); found {
		parts := strings.Split(s, ",")
		idPart = parts[0]
		if len(parts) > 1 {
			req = parts[1]
		}
	} else if s, found := sf.Tag.Lookup("thrift"); found {
		parts := strings.Split(s, ",")
		if len(parts) < 2 {
			return ft, false
		}
		idPart = parts[1]
		if len(parts) > 2 {
			req = parts[2]
		}
	} else {
		return ft, false
	}
	id, err := strconv.ParseInt(strings.TrimSpace(idPart), 10, 16)
	if err != nil {
		return ft, false
	}
	return fieldTag{int16(id), strings.TrimSpace(req) == "optional"}, true
}

// normalize turns a decoded value v (addressable) into what encoding it and
// decoding the bytes gives: a nil default or required field (one the
// message lacked) is written as an empty value, so it decodes as an empty
// list, set, map or binary, or as a new struct with its defaults. Fields of
// such a new struct are left as they are: they were absent in the bytes
// written, and stay so. Optional fields are written only when set.
func normalize(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			normalize(v.Elem())
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			ft, ok := tagOf(t.Field(i))
			if !ok {
				continue
			}
			f := v.Field(i)
			switch {
			case ft.optional || !isNil(f):
				normalize(f)
			case f.Kind() == reflect.Pointer:
				f.Set(reflect.ValueOf(newTarget(f.Type().Elem())))
			case f.Kind() == reflect.Slice:
				f.Set(reflect.MakeSlice(f.Type(), 0, 0))
			case f.Kind() == reflect.Map:
				f.Set(reflect.MakeMap(f.Type()))
			}
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return
		}
		for i := 0; i < v.Len(); i++ {
			normalize(v.Index(i))
		}
	case reflect.Map:
		// Collected, cleared and refilled rather than updated by key: a NaN
		// key cannot be looked up. In place, as other values may share the map.
		type entry struct{ k, e reflect.Value }
		var es []entry
		for it := v.MapRange(); it.Next(); {
			k := it.Key()
			if k.Kind() == reflect.Pointer {
				normalize(k)
			}
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(it.Value())
			normalize(e)
			es = append(es, entry{k, e})
		}
		v.Clear()
		for _, en := range es {
			v.SetMapIndex(en.k, en.e)
		}
	}
}

func isNil(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map:
		return v.IsNil()
	}
	return false
}

// hasMultiEntryMap reports whether v holds a map of two or more entries,
// whose encoding depends on Go's map iteration order.
func hasMultiEntryMap(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer:
		return !v.IsNil() && hasMultiEntryMap(v.Elem())
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if hasMultiEntryMap(v.Field(i)) {
				return true
			}
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return false
		}
		for i := 0; i < v.Len(); i++ {
			if hasMultiEntryMap(v.Index(i)) {
				return true
			}
		}
	case reflect.Map:
		if v.Len() > 1 {
			return true
		}
		for it := v.MapRange(); it.Next(); {
			if hasMultiEntryMap(it.Key()) || hasMultiEntryMap(it.Value()) {
				return true
			}
		}
	}
	return false
}

// trimMaps keeps, in every map v holds, only the entry whose key and value
// print first, so that v's encoding is deterministic.
func trimMaps(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			trimMaps(v.Elem())
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Field(i).CanSet() {
				trimMaps(v.Field(i))
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			trimMaps(v.Index(i))
		}
	case reflect.Map:
		if v.Len() == 0 {
			return
		}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return entryString(v, keys[i]) < entryString(v, keys[j]) })
		k, e := keys[0], v.MapIndex(keys[0])
		v.Clear()
		trimMaps(k)
		ev := reflect.New(e.Type()).Elem()
		ev.Set(e)
		trimMaps(ev)
		v.SetMapIndex(k, ev)
	}
}

func entryString(m, k reflect.Value) string {
	return fmt.Sprintf("%+v=%+v", deref(k), deref(m.MapIndex(k)))
}

func deref(v reflect.Value) any {
	if v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}
