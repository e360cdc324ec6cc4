package bench

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/apache/thrift/lib/go/thrift"
)

// apacheState is a TBinaryProtocol over a TMemoryBuffer, reused from call
// to call (pooled) as a server reuses its transport: only the codec's own
// work is timed, not the set-up of a protocol per message.
type apacheState struct {
	buf   bytes.Buffer
	mem   thrift.TMemoryBuffer
	proto *thrift.TBinaryProtocol
}

var apachePool = sync.Pool{New: func() any {
	s := new(apacheState)
	s.mem.Buffer = &s.buf
	s.proto = thrift.NewTBinaryProtocolTransport(&s.mem)
	return s
}}

// apacheEncode writes v, a generated struct with Apache Thrift's Write
// method, through TBinaryProtocol into buf (the memory buffer's storage is
// buf itself, so nothing is copied afterwards). It returns ErrShortBuffer if
// the encoding does not fit in len(buf).
func apacheEncode(buf []byte, v any) (int, error) {
	st, ok := v.(thrift.TStruct)
	if !ok {
		return 0, fmt.Errorf("%T has no Apache Thrift Write method", v)
	}
	s := apachePool.Get().(*apacheState)
	defer apachePool.Put(s)
	s.buf = *bytes.NewBuffer(buf[:0])
	defer func() { s.buf = bytes.Buffer{} }() // keep no reference to buf
	if err := st.Write(s.proto); err != nil {
		return 0, err
	}
	n := s.buf.Len()
	if n > len(buf) {
		return 0, ErrShortBuffer // the buffer grew: the bytes are elsewhere
	}
	return n, nil
}

// apacheDecode reads one struct from buf into v, a pointer to a generated
// struct with Apache Thrift's Read method, through TBinaryProtocol over a
// memory buffer reading buf, and returns the bytes read.
func apacheDecode(buf []byte, v any) (int, error) {
	st, ok := v.(thrift.TStruct)
	if !ok {
		return 0, fmt.Errorf("%T has no Apache Thrift Read method", v)
	}
	s := apachePool.Get().(*apacheState)
	defer apachePool.Put(s)
	s.buf = *bytes.NewBuffer(buf)
	defer func() { s.buf = bytes.Buffer{} }()
	if err := st.Read(s.proto); err != nil {
		return 0, err
	}
	return len(buf) - s.buf.Len(), nil
}
