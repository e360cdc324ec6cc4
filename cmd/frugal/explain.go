package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/cloudwego/thriftgo/parser"
	"github.com/frugaljit/frugal/ir"
	"github.com/frugaljit/frugal/ssa"
)

func explain(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	mode := fs.String("mode", "encode", "which program: size, encode or decode")
	inline := fs.Int("inline", ir.DefaultInlineDepth, "how many levels of nested structs to inline")
	passes := fs.Bool("passes", false, "print the SSA after each pass, not only before and after all")
	asm := fs.Bool("asm", false, "print the machine code the jit makes of the optimized SSA (amd64)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return fmt.Errorf("want FILE.thrift STRUCT, got %q", fs.Args())
	}
	m, ok := map[string]ir.Mode{"size": ir.ModeSize, "encode": ir.ModeEncode, "decode": ir.ModeDecode}[*mode]
	if !ok {
		return fmt.Errorf("unknown mode %q", *mode)
	}
	tree, err := parser.ParseFile(fs.Arg(0), nil, true)
	if err != nil {
		return err
	}
	gt, err := newIDLTypes(tree).structType(fs.Arg(1))
	if err != nil {
		return err
	}
	d, err := ir.Resolve(gt)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "== schema\n%s\n", d)
	p := ir.Lower(d, m, *inline)
	fmt.Fprintf(w, "== ir\n%s\n", p)
	f, err := build(p)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "== ssa\n%s\n", f)
	names := ssa.PassNames()
	for i, name := range names {
		ssa.RunPass(f, i)
		if err := ssa.Verify(f); err != nil {
			return fmt.Errorf("after %s: %w", name, err)
		}
		if *passes || i == len(names)-1 {
			fmt.Fprintf(w, "== ssa after %s\n%s\n", name, f)
		}
	}
	if *asm {
		return disassemble(w, f)
	}
	return nil
}

func build(p *ir.Program) (*ssa.Func, error) {
	switch p.Mode {
	case ir.ModeSize:
		return ssa.BuildSize(p), nil
	case ir.ModeEncode:
		return ssa.BuildEncode(p), nil
	}
	return ssa.BuildDecode(p)
}
