// Package bench compares Thrift binary-protocol codecs on the same messages.
//
// It is a table of contenders (Contenders) × messages (Messages) ×
// {encode, decode}. The benchmarks and the cross-decoding correctness test
// live in this package's _test files; see README.md for how to run them.
package bench
