package fuzz

import (
	"bytes"
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/frugaljit/frugal"
	"github.com/frugaljit/frugal/internal/testtypes"
)

// schemaCase is a generated schema, with one top-level type per engine.
type schemaCase struct {
	key    int
	fields []reflect.StructField // without the marker
	nodes  []fieldNode           // Go field indexes count the marker
	lanes  *lanes
}

var schemaCache struct {
	sync.Mutex
	m map[int]*schemaCase
}

// schemaFor returns the schema of key, made once per process. Each engine
// gets its own top-level type: the generated fields after a marker field
// whose tag names the engine (a tag makes a distinct type, and conversion
// between the types ignores it). Every engine that runs the fixed types
// must run the schema.
func schemaFor(key int) (*schemaCase, error) {
	schemaCache.Lock()
	defer schemaCache.Unlock()
	if sc, ok := schemaCache.m[key]; ok {
		return sc, nil
	}
	sfs, fns := genSchema(key)
	for i := range fns {
		fns[i].index++ // after the marker
	}
	sc := &schemaCase{key: key, fields: sfs, nodes: fns}
	ls, err := setupLanes(func(e Engine) []reflect.Type {
		marker := reflect.StructField{Name: "Engine", Type: reflect.TypeFor[struct{}](), Tag: reflect.StructTag(`fuzzengine:"` + e.Name + `"`)}
		return []reflect.Type{reflect.StructOf(append([]reflect.StructField{marker}, sfs...))}
	})
	if err != nil {
		return nil, fmt.Errorf("schema %d:\n%s%w", key, describe(sfs), err)
	}
	fixed, err := fixedLanes()
	if err != nil {
		return nil, err
	}
	if len(ls.run) != len(fixed.run) {
		return nil, fmt.Errorf("schema %d: %d engines run it, %d run the fixed types; skipped: %v\n%s",
			key, len(ls.run), len(fixed.run), ls.skipped, describe(sfs))
	}
	sc.lanes = ls
	if schemaCache.m == nil {
		schemaCache.m = map[int]*schemaCase{}
	}
	schemaCache.m[key] = sc
	return sc, nil
}

// FuzzSchema reads a schema key from the first two bytes of its input (one
// of schemaSpace random schemas: field kinds, ids, requiredness, nested
// structs and containers, predeclared recursive types) and a value of that
// schema from the rest. Every engine must encode the value with EncodedSize
// equal to the bytes written, to well-formed bytes, to the same bytes (when
// no map has two entries), and every engine must decode every engine's
// bytes back to an equal value.
func FuzzSchema(f *testing.F) {
	mustFixedLanes(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		defer watchdog("FuzzSchema")()
		var head [2]byte
		copy(head[:], data)
		key := (int(head[0])<<8 | int(head[1])) % schemaSpace
		sc, err := schemaFor(key)
		if err != nil {
			t.Fatal(err)
		}
		base := sc.lanes.run[0].types[0]
		v := reflect.New(base)
		g := &valueGen{b: data[min(2, len(data)):], budget: 64}
		g.fillStruct(v.Elem(), &structNode{goT: base, fields: sc.nodes})
		checkSchemaValue(t, sc, v.Interface())
	})
}

func checkSchemaValue(t *testing.T, sc *schemaCase, v any) {
	t.Helper()
	ls := sc.lanes
	base := ls.run[0].types[0]
	ordered := !hasMultiEntryMap(reflect.ValueOf(v))
	encs := make([][]byte, len(ls.run))
	for k, l := range ls.run {
		var b []byte
		err := protect(func() (err error) { b, err = encode(as(v, l.types[0])); return })
		if err != nil {
			t.Fatalf("schema %d: %s cannot encode %+v: %v\n%s", sc.key, l.Name, v, err, describe(sc.fields))
		}
		if end, ok := refSkip(b, 0, 12, 0, true); !ok || end != len(b) {
			t.Fatalf("schema %d: %s writes bytes the reference reader refuses (well-formed=%v, end %d of %d): %x\n%s",
				sc.key, l.Name, ok, end, len(b), b, describe(sc.fields))
		}
		if k > 0 && (len(b) != len(encs[0]) || ordered && !bytes.Equal(b, encs[0])) {
			t.Fatalf("schema %d: %s and %s encode %+v differently\n%x\n%x\n%s",
				sc.key, ls.run[0].Name, l.Name, v, encs[0], b, describe(sc.fields))
		}
		encs[k] = b
	}
	for k, b := range encs {
		for _, l := range ls.run {
			got := reflect.New(l.types[0]).Interface()
			var n int
			err := protect(func() (err error) { n, err = frugal.DecodeObject(b, got); return })
			if err != nil || n != len(b) {
				t.Fatalf("schema %d: %s cannot decode what %s wrote (read %d of %d): %v\nbytes: %x\n%s",
					sc.key, l.Name, ls.run[k].Name, n, len(b), err, b, describe(sc.fields))
			}
			if !testtypes.Equal(v, as(got, base)) {
				t.Fatalf("schema %d: %s's bytes decoded by %s differ from the value\nwant: %+v\ngot:  %+v\nbytes: %x\n%s",
					sc.key, ls.run[k].Name, l.Name, v, got, b, describe(sc.fields))
			}
		}
	}
}
