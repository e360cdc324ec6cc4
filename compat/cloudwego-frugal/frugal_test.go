package frugal_test

import (
	"testing"

	"github.com/cloudwego/frugal"
)

type greeting struct {
	ID   int64    `thrift:"ID,1,required" frugal:"1,required,i64"`
	Tags []string `thrift:"Tags,2" frugal:"2,default,list<string>"`
}

// Code written against cloudwego/frugal's API runs on this engine.
func TestRoundTripThroughShim(t *testing.T) {
	in := &greeting{ID: 3, Tags: []string{"x"}}
	buf := make([]byte, frugal.EncodedSize(in))
	if _, err := frugal.EncodeObject(buf, nil, in); err != nil {
		t.Fatal(err)
	}
	var out greeting
	if n, err := frugal.DecodeObject(buf, &out); err != nil || n != len(buf) || out.ID != 3 || out.Tags[0] != "x" {
		t.Fatalf("decoded %+v (%d bytes, %v)", out, n, err)
	}
	if err := frugal.Pretouch(&greeting{}, frugal.WithMaxInlineDepth(3)); err != nil {
		t.Fatal(err)
	}
}
