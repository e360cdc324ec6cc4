// Command frugal shows what the engine makes of a Thrift type.
//
//	frugal explain [-mode size|encode|decode] [-inline N] [-passes] FILE.thrift STRUCT
//
// prints the struct's schema, its codec program (IR), and its SSA function,
// before the optimization passes and, with -passes, after each of them.
// The Go type is built at run time from the IDL (reflect.StructOf with
// frugal tags, laid out as thriftgo lays out its structs).
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 || os.Args[1] != "explain" {
		fmt.Fprintln(os.Stderr, "usage: frugal explain [-mode size|encode|decode] [-inline N] [-passes] FILE.thrift STRUCT")
		os.Exit(2)
	}
	if err := explain(os.Stdout, os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "frugal explain:", err)
		os.Exit(1)
	}
}
