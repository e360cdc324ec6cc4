package jit

import (
	"os"
	"testing"
)

// batchProbe is a type no other test prepares, so its programs are fresh.
type batchProbe struct {
	A int32             `frugal:"1,default,i32"`
	B string            `frugal:"2,default,string"`
	C map[string]string `frugal:"3,default,map<string:string>"`
}

// The programs Prepare compiles together share one mapping: size, encode
// and decode of a type take the pages their bytes need, not a page each.
func TestProgramsShareMemory(t *testing.T) {
	mapped, used := MemoryUse()
	c := prepared(t, &batchProbe{})
	if c.size.code != c.encode.code || c.encode.code != c.decode.code {
		t.Fatal("the size, encode and decode programs of one type were loaded apart")
	}
	total := 0
	for _, p := range []*compiled{c.size, c.encode, c.decode} {
		total += p.bytes
		if p.fn.Code != nil {
			t.Errorf("%s keeps its %d bytes of code in the Go heap once loaded", p.fn.Name, len(p.fn.Code))
		}
		if p.addr%funcAlign != 0 {
			t.Errorf("%s starts at %#x, not on a %d-byte boundary", p.fn.Name, p.addr, funcAlign)
		}
	}
	mapped2, used2 := MemoryUse()
	page := os.Getpagesize()
	if grew := mapped2 - mapped; grew > (total+3*funcAlign+page-1)/page*page {
		t.Errorf("mapped %d more bytes for %d bytes of code", grew, total)
	}
	if used2-used < total {
		t.Errorf("used grew by %d, the code is %d bytes", used2-used, total)
	}
}
