package bench

import "errors"

// Contender is one codec under test, named as it appears in benchmark names
// (the last element of e.g. BenchmarkEncode/Nesting/cloudwego-frugal).
//
// Its three functions have the shape of frugal's API: EncodedSize reports the
// size Encode will write, Encode writes into a buffer of at least that size
// and returns the bytes written, Decode reads one message into a non-nil
// pointer and returns the bytes read.
type Contender struct {
	Name string
	Role Role

	// EncodedSize is nil for a codec without a size pass (Apache Thrift):
	// its Encode returns ErrShortBuffer when buf is too small, and callers
	// size the buffer from an earlier encode of the same value.
	EncodedSize func(v any) int
	Encode      func(buf []byte, v any) (int, error)
	Decode      func(buf []byte, v any) (int, error)

	// Adapt, when non-nil, returns the message as this contender needs it:
	// a contender that works on its own generated types (rather than the
	// thriftgo frugal_tag types in gen/) returns a Message with the same Name
	// whose Value, New and Source use those types. Nil means the shared types.
	Adapt func(m Message) Message
}

// Role says what a contender is in the summary's ratios.
type Role int

const (
	// Ours is a codec of this repository.
	Ours Role = iota
	// Peer is a published codec; the summary compares every contender with
	// the fastest peer of each message and operation.
	Peer
	// Reference is the physical floor (memmove): the summary gives every
	// contender's time as a multiple of it.
	Reference
)

// ErrShortBuffer is returned by the Encode of a contender without a size
// pass when the buffer cannot hold the encoding.
var ErrShortBuffer = errors.New("bench: buffer too small for the encoding")

// MessageFor returns m as c works on it (see Adapt).
func (c Contender) MessageFor(m Message) Message {
	if c.Adapt == nil {
		return m
	}
	return c.Adapt(m)
}
