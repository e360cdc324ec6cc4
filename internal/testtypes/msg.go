package testtypes

import (
	"encoding/binary"
	"math"

	"github.com/frugaljit/frugal/wire"
)

// Msg builds binary-protocol bytes by hand, independently of any codec, so
// that tests state the expected encoding directly.
type Msg []byte

// B appends raw bytes.
func (m Msg) B(v ...byte) Msg { return append(m, v...) }

// I16 appends a big-endian i16.
func (m Msg) I16(v int16) Msg { return binary.BigEndian.AppendUint16(m, uint16(v)) }

// I32 appends a big-endian i32.
func (m Msg) I32(v int32) Msg { return binary.BigEndian.AppendUint32(m, uint32(v)) }

// I64 appends a big-endian i64.
func (m Msg) I64(v int64) Msg { return binary.BigEndian.AppendUint64(m, uint64(v)) }

// F64 appends a double.
func (m Msg) F64(v float64) Msg { return m.I64(int64(math.Float64bits(v))) }

// Str appends a length-prefixed string.
func (m Msg) Str(s string) Msg { return append(m.I32(int32(len(s))), s...) }

// Stop appends a stop byte.
func (m Msg) Stop() Msg { return append(m, 0) }

// List appends a list or set header.
func (m Msg) List(t wire.Type, n int32) Msg { return m.B(byte(t)).I32(n) }

// Map appends a map header.
func (m Msg) Map(k, v wire.Type, n int32) Msg { return m.B(byte(k), byte(v)).I32(n) }

// Field appends a field header.
func (m Msg) Field(t wire.Type, id int16) Msg { return m.B(byte(t)).I16(id) }
