package ir

import (
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"
	"unsafe"
)

type cacheEntry struct {
	desc *StructDesc
	err  error
}

// cache maps struct types to their descriptors. Readers load the map without
// locking; writers copy it under mu and publish the copy.
var cache struct {
	mu sync.Mutex
	m  atomic.Pointer[map[reflect.Type]cacheEntry]
}

// Resolve returns the descriptor of a struct type, or of the struct a
// pointer type points to. Results, errors included, are cached.
func Resolve(t reflect.Type) (*StructDesc, error) {
	if t == nil {
		return nil, &SchemaError{Path: "<nil>", Problem: "no type", Hint: "pass a struct or a pointer to one"}
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if m := cache.m.Load(); m != nil {
		if e, ok := (*m)[t]; ok {
			return e.desc, e.err
		}
	}
	cache.mu.Lock()
	defer cache.mu.Unlock()
	old := cache.m.Load()
	if old != nil {
		if e, ok := (*old)[t]; ok {
			return e.desc, e.err
		}
	}
	r := &resolver{building: map[reflect.Type]*StructDesc{}}
	desc, err := r.resolve(t)
	next := make(map[reflect.Type]cacheEntry, 8)
	if old != nil {
		for k, v := range *old {
			next[k] = v
		}
	}
	if err != nil {
		next[t] = cacheEntry{err: err} // the types built on the way are dropped
	} else {
		for k, d := range r.building {
			d.pending = false
			next[k] = cacheEntry{desc: d}
		}
	}
	cache.m.Store(&next)
	return desc, err
}

// resolver builds the descriptors of one type and of every struct it
// reaches, sharing descriptors so that recursive types terminate.
type resolver struct {
	building map[reflect.Type]*StructDesc
}

type initDefaulter interface{ InitDefault() }

var initDefaulterType = reflect.TypeOf((*initDefaulter)(nil)).Elem()

func (r *resolver) resolve(vt reflect.Type) (*StructDesc, error) {
	if vt.Kind() != reflect.Struct {
		return nil, &SchemaError{Path: vt.String(), Problem: "not a struct", Hint: "pass a struct or a pointer to one"}
	}
	if m := cache.m.Load(); m != nil {
		if e, ok := (*m)[vt]; ok && e.err == nil {
			return e.desc, nil
		}
	}
	if d := r.building[vt]; d != nil {
		return d, nil
	}
	d := &StructDesc{Go: vt, Name: nameOf(vt), UnknownFields: -1, pending: true}
	r.building[vt] = d
	if err := r.fill(d); err != nil {
		return nil, err
	}
	d.index()
	return d, nil
}

func (r *resolver) fill(d *StructDesc) error {
	vt := d.Go
	defaults := reflect.New(vt)
	if vt.Implements(initDefaulterType) {
		return &SchemaError{Path: d.Name, Problem: "InitDefault has a value receiver, so it cannot set anything",
			Hint: "declare it as func (p *" + vt.Name() + ") InitDefault()"}
	}
	if reflect.PointerTo(vt).Implements(initDefaulterType) {
		d.InitDefault = defaults.Interface().(initDefaulter)
		d.InitDefault.InitDefault()
		d.initNoop = defaults.Elem().IsZero()
	}
	d.zero = defaults.UnsafePointer()
	seen := map[int16]string{}
	for i := 0; i < vt.NumField(); i++ {
		sf := vt.Field(i)
		if sf.Name == "_unknownFields" && sf.Type.Kind() == reflect.Slice && sf.Type.Elem().Kind() == reflect.Uint8 {
			d.UnknownFields = int(sf.Offset)
			continue
		}
		if sf.Anonymous || !sf.IsExported() {
			continue
		}
		path := d.Name + "." + sf.Name
		ft, ok, problem, hint := parseFieldTag(sf.Tag)
		if !ok {
			continue
		}
		if problem != "" {
			return &SchemaError{Path: path, Problem: problem, Hint: hint}
		}
		if prev, dup := seen[ft.id]; dup {
			return &SchemaError{Path: path, Problem: fmt.Sprintf("field id %d is used by %s too", ft.id, prev),
				Hint: "give every field its own id"}
		}
		seen[ft.id] = sf.Name
		b := binder{r: r, path: path}
		t, err := b.bind(sf.Type, ft.typ)
		if err != nil {
			return err
		}
		if t.Pointer && t.Kind != Struct && ft.req != Optional {
			return &SchemaError{Path: path, Problem: "a " + ft.req.String() + " " + t.Kind.String() + " field cannot be a pointer",
				Hint: "make the field optional or drop the pointer"}
		}
		if ft.nocopy && t.Kind != String && t.Kind != Binary {
			return &SchemaError{Path: path, Problem: `"nocopy" applies to strings and binaries, not ` + t.Kind.String()}
		}
		def := unsafe.Add(d.zero, sf.Offset)
		d.Fields = append(d.Fields, Field{
			ID: ft.id, Name: sf.Name, Offset: sf.Offset, Type: t, Required: ft.req, NoCopy: ft.nocopy,
			Default: def, HasDefault: !defaults.Elem().Field(i).IsZero(),
		})
	}
	return nil
}
