package frugal

import "reflect"

// Pretouch prepares the codec of vt (a reflect.Type, or a value whose type
// is used: a struct or a pointer to one) ahead of the first call, and
// reports whether the type can be used. Options set how it runs.
func Pretouch(vt any, opts ...Option) error {
	rt, ok := vt.(reflect.Type)
	if !ok {
		rt = reflect.TypeOf(vt)
	}
	if rt == nil {
		return &SchemaError{Path: "<nil>", Problem: "no type", Hint: "pass a struct type or a value"}
	}
	var o *options
	if len(opts) > 0 {
		o = &options{maxInlineDepth: -1} // -1: the default, unless an option says
		for _, opt := range opts {
			opt(o)
		}
	}
	types := []reflect.Type{rt}
	if rt.Kind() == reflect.Pointer {
		types = append(types, rt.Elem())
	} else {
		types = append(types, reflect.PointerTo(rt))
	}
	var err error
	for _, t := range types { // both T and *T, so that either runs as asked
		if c := codecFor(t, typeKey(t), o); c.err != nil && err == nil {
			err = c.err
		}
	}
	return err
}

// EngineOf reports which engine runs the codec of v's type (v a value or a
// reflect.Type) and why, or the error that keeps the type from running.
func EngineOf(v any) (Engine, string, error) {
	rt, ok := v.(reflect.Type)
	if !ok {
		rt = reflect.TypeOf(v)
	}
	if rt == nil {
		return EngineAuto, "", &SchemaError{Path: "<nil>", Problem: "no type"}
	}
	c := codecFor(rt, typeKey(rt), nil)
	return c.engine, c.why, c.err
}
