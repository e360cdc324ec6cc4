package frugal

import (
	"errors"

	"github.com/frugaljit/frugal/ir"
	"github.com/frugaljit/frugal/wire"
)

// Error classes. Every error the codec returns for bad input or an
// unencodable value is an *Error that wraps one of them: test with errors.Is.
var (
	ErrTruncated       = wire.ErrTruncated       // input ends early, or a length exceeds what remains
	ErrNegativeSize    = wire.ErrNegativeSize    // negative length or count
	ErrDepthLimit      = wire.ErrDepthLimit      // nesting deeper than MaxDepth
	ErrTypeMismatch    = wire.ErrTypeMismatch    // container element types differ from the schema's
	ErrUnknownType     = wire.ErrUnknownType     // a type id Thrift does not define
	ErrMissingRequired = wire.ErrMissingRequired // decoded struct lacks a required field
	ErrNilRequired     = wire.ErrNilRequired     // required pointer field is nil on encode
	ErrShortBuffer     = wire.ErrShortBuffer     // EncodeObject's buffer is smaller than the encoding
	ErrInvalidValue    = wire.ErrInvalidValue    // a value that cannot be encoded, or a bad argument
	// ErrInvalidSchema is the class of *SchemaError: the Go type or its tags
	// cannot be described as a Thrift struct.
	ErrInvalidSchema = ir.ErrInvalidSchema
	// ErrEngineUnavailable: the engine asked for (FRUGAL_ENGINE or
	// WithEngine) cannot run in this build, on this platform or Go version.
	ErrEngineUnavailable = errors.New("frugal: engine unavailable")
)

// Error is an encode or decode failure: its class (Unwrap), the field path
// where it happened, and what was found. It also reports the matching Thrift
// TProtocolException type through TypeId.
type Error = wire.Error

// SchemaError says why a Go type cannot be used: the type path and field,
// the problem, and what to write instead.
type SchemaError = ir.SchemaError

// MaxDepth is how deeply structs and containers may nest in a message or a
// value; deeper input is ErrDepthLimit.
const MaxDepth = 1023
