// Package interp executes SSA functions (package ssa) on real Go memory,
// with a Go driver that serves their exits the way the machine-code driver
// will: map lengths and entries, calls into other structs' programs,
// comparisons. It is the reference the backends are checked against, and
// the way to test passes: a function must compute the same thing before and
// after every pass.
//
// Values are held as uint64; pointers among them point into memory that
// something else keeps alive (the value being coded, the schema's defaults,
// or driver-owned memory the driver holds until the run ends), which is the
// contract generated code follows too.
package interp
