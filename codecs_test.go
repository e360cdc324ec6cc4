package frugal

import (
	"reflect"
	"strconv"
	"testing"
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
