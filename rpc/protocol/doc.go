// Package protocol owns the bytes of a Thrift RPC message that surround the
// payload struct: the binary-protocol message header (name, type, sequence id),
// the 4-byte length prefix of the framed transport, the TTHeader that Kitex
// puts between that prefix and the message, and TApplicationException,
// the struct a server sends instead of a result when a call fails outside the
// method's declared exceptions.
//
// Payload structs are encoded and decoded with the frugal codec's public API
// (EncodedSize, EncodeObject, DecodeObject). Every reader here checks each
// length against the bytes it was given, so malformed input is an error and
// never a panic.
package protocol
