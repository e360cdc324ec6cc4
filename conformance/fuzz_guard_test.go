package conformance

import (
	"errors"
	"fmt"

	"github.com/apache/thrift/lib/go/thrift"
	"github.com/frugaljit/frugal"
)

// errGuard is what guardedProtocol returns instead of letting Apache
// allocate for a length or count that the remaining bytes cannot hold.
var errGuard = errors.New("guard: length or count past the end of the input")

// guardedProtocol is Apache's TBinaryProtocol over a TMemoryBuffer, except
// that a string, binary, list, set or map whose length or count exceeds the
// bytes left fails before Apache's generated code allocates for it (Apache
// v0.13.0 allocates the declared size first, so 9 bytes declaring 2^31
// elements would exhaust memory). Apache would fail on such input anyway,
// when the bytes run out; the guard changes only how.
//
// With strict set, skipping an unknown field reports every error on the
// way (see strictSkip) instead of following Apache's Skip.
type guardedProtocol struct {
	*thrift.TBinaryProtocol
	buf    *thrift.TMemoryBuffer
	strict bool
}

func newGuardedProtocol(b []byte, strict bool) *guardedProtocol {
	buf := thrift.NewTMemoryBufferLen(len(b))
	buf.Write(b)
	return &guardedProtocol{thrift.NewTBinaryProtocolTransport(buf), buf, strict}
}

func (p *guardedProtocol) check(size int) error {
	if uint64(size) > p.buf.RemainingBytes() {
		return errGuard
	}
	return nil
}

func (p *guardedProtocol) ReadListBegin() (thrift.TType, int, error) {
	t, n, err := p.TBinaryProtocol.ReadListBegin()
	if err == nil {
		err = p.check(n)
	}
	return t, n, err
}

func (p *guardedProtocol) ReadSetBegin() (thrift.TType, int, error) {
	t, n, err := p.TBinaryProtocol.ReadSetBegin()
	if err == nil {
		err = p.check(n)
	}
	return t, n, err
}

func (p *guardedProtocol) ReadMapBegin() (thrift.TType, thrift.TType, int, error) {
	k, v, n, err := p.TBinaryProtocol.ReadMapBegin()
	if err == nil {
		err = p.check(n)
	}
	return k, v, n, err
}

// ReadString and ReadBinary peek at the length before Apache reads it.
func (p *guardedProtocol) ReadString() (string, error) {
	if err := p.peekLength(); err != nil {
		return "", err
	}
	return p.TBinaryProtocol.ReadString()
}

func (p *guardedProtocol) ReadBinary() ([]byte, error) {
	if err := p.peekLength(); err != nil {
		return nil, err
	}
	return p.TBinaryProtocol.ReadBinary()
}

func (p *guardedProtocol) peekLength() error {
	b := p.buf.Bytes()
	if len(b) < 4 {
		return nil // Apache reports the short read
	}
	n := int32(uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3]))
	if n > 0 && uint64(n) > uint64(len(b)-4) {
		return errGuard
	}
	return nil
}

// Skip goes through the guarded reads too.
func (p *guardedProtocol) Skip(t thrift.TType) error {
	if p.strict {
		return strictSkip(p, t, frugal.MaxDepth)
	}
	return thrift.SkipDefaultDepth(p, t)
}

// strictSkip skips one value of type t as Apache v0.13.0's Skip does, except
// that it returns every error: Apache's ignores the error of a struct's
// field header (taking it for the stop byte) and of every map value (which
// it also skips at a fresh depth), so it accepts some corrupt input that
// the library refuses. Its depth is the library's.
func strictSkip(p thrift.TProtocol, t thrift.TType, depth int) error {
	if depth <= 0 {
		return thrift.NewTProtocolExceptionWithType(thrift.DEPTH_LIMIT, errors.New("depth limit exceeded"))
	}
	var err error
	switch t {
	case thrift.BOOL:
		_, err = p.ReadBool()
	case thrift.BYTE:
		_, err = p.ReadByte()
	case thrift.I16:
		_, err = p.ReadI16()
	case thrift.I32:
		_, err = p.ReadI32()
	case thrift.I64:
		_, err = p.ReadI64()
	case thrift.DOUBLE:
		_, err = p.ReadDouble()
	case thrift.STRING:
		_, err = p.ReadString()
	case thrift.STRUCT:
		for {
			_, ft, _, err := p.ReadFieldBegin()
			if err != nil || ft == thrift.STOP {
				return err
			}
			if err := strictSkip(p, ft, depth-1); err != nil {
				return err
			}
		}
	case thrift.MAP:
		kt, vt, n, err := p.ReadMapBegin()
		for i := 0; err == nil && i < n; i++ {
			if err = strictSkip(p, kt, depth-1); err == nil {
				err = strictSkip(p, vt, depth-1)
			}
		}
		return err
	case thrift.SET:
		et, n, err := p.ReadSetBegin()
		for i := 0; err == nil && i < n; i++ {
			err = strictSkip(p, et, depth-1)
		}
		return err
	case thrift.LIST:
		et, n, err := p.ReadListBegin()
		for i := 0; err == nil && i < n; i++ {
			err = strictSkip(p, et, depth-1)
		}
		return err
	default:
		err = fmt.Errorf("unknown type id %d", t)
	}
	return err
}

// apacheDecodeGuarded is ApacheDecode through guardedProtocol.
func apacheDecodeGuarded(b []byte, v ApacheStruct, strict bool) error {
	p := newGuardedProtocol(b, strict)
	if err := v.Read(p); err != nil {
		return err
	}
	if n := p.buf.RemainingBytes(); n != 0 {
		return errors.New("apache: bytes left unread")
	}
	return nil
}
