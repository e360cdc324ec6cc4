package conformance

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// Thrift binary protocol type ids.
const (
	tStop   = 0
	tBool   = 2
	tByte   = 3
	tDouble = 4
	tI16    = 6
	tI32    = 8
	tI64    = 10
	tString = 11
	tStruct = 12
	tMap    = 13
	tSet    = 14
	tList   = 15
)

var errCanonTruncated = errors.New("canon: truncated")

// Canonical returns the binary-protocol encoding of one struct, b, with the
// entries of every map sorted by their encoded bytes, so that two encodings
// of the same value compare equal whatever order their maps were iterated
// in. Field order and list and set order are kept. It also reports whether b
// holds a map of two or more entries (where raw bytes may legitimately
// differ). It fails on malformed input or trailing bytes.
func Canonical(b []byte) (canon []byte, unorderedMaps bool, err error) {
	c := canonicalizer{in: b}
	out, err := c.value(tStruct, 0)
	if err != nil {
		return nil, false, err
	}
	if c.pos != len(b) {
		return nil, false, fmt.Errorf("canon: %d trailing bytes", len(b)-c.pos)
	}
	return out, c.unordered, nil
}

type canonicalizer struct {
	in        []byte
	pos       int
	unordered bool
}

func (c *canonicalizer) take(n int) ([]byte, error) {
	if n < 0 || len(c.in)-c.pos < n {
		return nil, errCanonTruncated
	}
	p := append([]byte(nil), c.in[c.pos:c.pos+n]...) // a copy: callers append to it
	c.pos += n
	return p, nil
}

func (c *canonicalizer) size() (int, []byte, error) {
	p, err := c.take(4)
	if err != nil {
		return 0, nil, err
	}
	n := int32(binary.BigEndian.Uint32(p))
	if n < 0 {
		return 0, nil, fmt.Errorf("canon: negative size %d", n)
	}
	return int(n), p, nil
}

// value returns the canonical form of one value of type id t.
func (c *canonicalizer) value(t byte, depth int) ([]byte, error) {
	if depth > 512 {
		return nil, errors.New("canon: too deep")
	}
	fixed := map[byte]int{tBool: 1, tByte: 1, tDouble: 8, tI16: 2, tI32: 4, tI64: 8}
	if n, ok := fixed[t]; ok {
		return c.take(n)
	}
	switch t {
	case tString:
		n, head, err := c.size()
		if err != nil {
			return nil, err
		}
		body, err := c.take(n)
		return append(head, body...), err
	case tStruct:
		return c.structBody(depth)
	case tList, tSet:
		return c.list(depth)
	case tMap:
		return c.mapBody(depth)
	}
	return nil, fmt.Errorf("canon: unknown type id %d at offset %d", t, c.pos)
}

func (c *canonicalizer) structBody(depth int) ([]byte, error) {
	var out []byte
	for {
		tb, err := c.take(1)
		if err != nil {
			return nil, err
		}
		out = append(out, tb[0])
		if tb[0] == tStop {
			return out, nil
		}
		id, err := c.take(2)
		if err != nil {
			return nil, err
		}
		v, err := c.value(tb[0], depth+1)
		if err != nil {
			return nil, err
		}
		out = append(append(out, id...), v...)
	}
}

func (c *canonicalizer) list(depth int) ([]byte, error) {
	et, err := c.take(1)
	if err != nil {
		return nil, err
	}
	n, head, err := c.size()
	if err != nil {
		return nil, err
	}
	out := append([]byte{et[0]}, head...)
	for i := 0; i < n; i++ {
		v, err := c.value(et[0], depth+1)
		if err != nil {
			return nil, err
		}
		out = append(out, v...)
	}
	return out, nil
}

func (c *canonicalizer) mapBody(depth int) ([]byte, error) {
	kv, err := c.take(2)
	if err != nil {
		return nil, err
	}
	n, head, err := c.size()
	if err != nil {
		return nil, err
	}
	if n > 1 {
		c.unordered = true
	}
	entries := make([][]byte, 0, min(n, 1024))
	for i := 0; i < n; i++ {
		k, err := c.value(kv[0], depth+1)
		if err != nil {
			return nil, err
		}
		v, err := c.value(kv[1], depth+1)
		if err != nil {
			return nil, err
		}
		entries = append(entries, append(k, v...))
	}
	sort.Slice(entries, func(i, j int) bool { return bytes.Compare(entries[i], entries[j]) < 0 })
	out := append([]byte{kv[0], kv[1]}, head...)
	for _, e := range entries {
		out = append(out, e...)
	}
	return out, nil
}
