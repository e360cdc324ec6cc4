package bench

// Contender is one codec under test, named as it appears in benchmark names
// (the last element of e.g. BenchmarkEncode/Nesting/cloudwego-frugal).
//
// Its three functions have the shape of frugal's API: EncodedSize reports the
// size Encode will write, Encode writes into a buffer of at least that size
// and returns the bytes written, Decode reads one message into a non-nil
// pointer and returns the bytes read.
type Contender struct {
	Name        string
	EncodedSize func(v any) int
	Encode      func(buf []byte, v any) (int, error)
	Decode      func(buf []byte, v any) (int, error)

	// Adapt, when non-nil, returns the message as this contender needs it:
	// a contender that works on its own generated types (rather than the
	// thriftgo frugal_tag types in gen/) returns a Message with the same Name
	// whose Value and New use those types. Nil means the shared types.
	Adapt func(m Message) Message
}

// MessageFor returns m as c works on it (see Adapt).
func (c Contender) MessageFor(m Message) Message {
	if c.Adapt == nil {
		return m
	}
	return c.Adapt(m)
}
