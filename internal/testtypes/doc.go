// Package testtypes holds hand-written tagged structs that the main
// module's tests share: the baseline IDL's structs in the layout thriftgo
// generates (`-g go:frugal_tag`), and value builders for them.
package testtypes
