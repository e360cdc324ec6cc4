// Package wire holds what every engine shares about the Thrift binary
// protocol: the wire type ids, the fixed sizes that follow from them, and the
// error values that engines return for malformed input and unencodable values.
//
// It knows nothing of Go types or of how a codec runs; the schema (package ir),
// the reflect codec and the compiled engines all build on it, so that every
// engine reports the same error class for the same input.
package wire
