package conformance

import (
	"fmt"

	"github.com/apache/thrift/lib/go/thrift"
	"github.com/frugaljit/frugal"
)

// ApacheStruct is a thriftgo-generated struct pointer: it has Apache
// Read/Write methods.
type ApacheStruct interface {
	Read(iprot thrift.TProtocol) error
	Write(oprot thrift.TProtocol) error
}

// ApacheEncode writes v with Apache's TBinaryProtocol into a TMemoryBuffer
// and returns the bytes.
func ApacheEncode(v ApacheStruct) ([]byte, error) {
	buf := thrift.NewTMemoryBuffer()
	if err := v.Write(thrift.NewTBinaryProtocolTransport(buf)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ApacheDecode reads one struct from b into v with Apache's TBinaryProtocol
// and fails unless it reads all of b.
func ApacheDecode(b []byte, v ApacheStruct) error {
	buf := thrift.NewTMemoryBufferLen(len(b))
	buf.Write(b)
	if err := v.Read(thrift.NewTBinaryProtocolTransport(buf)); err != nil {
		return err
	}
	if n := buf.RemainingBytes(); n != 0 {
		return fmt.Errorf("apache: %d of %d bytes left unread", n, len(b))
	}
	return nil
}

// LibraryEncode encodes v with the library into a buffer of EncodedSize(v)
// bytes. It fails if EncodeObject fails or writes other than EncodedSize
// bytes.
func LibraryEncode(v any) ([]byte, error) {
	size := frugal.EncodedSize(v)
	buf := make([]byte, size)
	n, err := frugal.EncodeObject(buf, nil, v)
	if err != nil {
		return nil, err
	}
	if n != size {
		return nil, fmt.Errorf("library: EncodeObject wrote %d bytes, EncodedSize said %d", n, size)
	}
	return buf, nil
}

// LibraryDecode decodes b into v with the library and fails unless it reads
// all of b.
func LibraryDecode(b []byte, v any) error {
	n, err := frugal.DecodeObject(b, v)
	if err != nil {
		return err
	}
	if n != len(b) {
		return fmt.Errorf("library: DecodeObject read %d of %d bytes", n, len(b))
	}
	return nil
}
