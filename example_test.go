package frugal_test

import (
	"fmt"

	"github.com/frugaljit/frugal"
)

// Greeting is a Thrift struct as thriftgo generates it with -g go:frugal_tag.
type Greeting struct {
	ID    int64    `thrift:"ID,1,required" frugal:"1,required,i64"`
	Text  string   `thrift:"Text,2" frugal:"2,default,string"`
	Tags  []string `thrift:"Tags,3,optional" frugal:"3,optional,list<string>"`
	Reply *string  `thrift:"Reply,4,optional" frugal:"4,optional,string"`
}

func Example() {
	in := &Greeting{ID: 7, Text: "hello", Tags: []string{"a", "b"}}

	buf := make([]byte, frugal.EncodedSize(in))
	if _, err := frugal.EncodeObject(buf, nil, in); err != nil {
		panic(err)
	}

	var out Greeting
	if _, err := frugal.DecodeObject(buf, &out); err != nil {
		panic(err)
	}
	fmt.Printf("%d bytes: %d %q %q %v\n", len(buf), out.ID, out.Text, out.Tags, out.Reply)
	// Output: 42 bytes: 7 "hello" ["a" "b"] <nil>
}
