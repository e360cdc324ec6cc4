// Package ssa is the machine-independent middle of the compiler: functions
// in static single assignment form, built from the codec programs of package
// ir, verified, improved by passes, and executed by package interp before
// any backend runs them.
//
// A Func is a list of Blocks; a Block holds Values and ends in a control
// kind (plain jump, two-way branch, return). Values have dense integer ids,
// a Type, an Op and arguments. Memory is explicit: loads take a memory
// value, stores and exits produce a new one, so passes can reorder only
// what memory order allows. An exit (OpExit) hands control to the Go driver
// (allocate, map work, recursion) and is the only way generated code calls
// anything: the backends turn it into a return to the driver and a
// re-entry. Memory is little-endian, as on both targets: big-endian wire
// values are built with OpBswap.
package ssa
