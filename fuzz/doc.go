// Package fuzz holds the differential fuzz targets of the codec (in its test
// files) and the table of engines they compare.
//
// The targets are FuzzDecode (arbitrary bytes into the baseline types and
// testtypes.Everything), FuzzSchema (random schemas built with
// reflect.StructOf, random values of them) and FuzzSkip (unknown fields
// spliced into known messages). Each runs every engine in Engines that is
// built here on the same input and fails when they disagree. FuzzApacheDecode
// in the conformance module compares the same engines with Apache Thrift.
// See README.md for how to run them.
package fuzz
