package main

import (
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
)

// write prints the groups as one aligned table, a blank line between groups.
func write(w io.Writer, groups []*group) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "op\tmessage\tcontender\tns/op\t× fastest peer\t× memmove\t")
	for i, g := range groups {
		if i > 0 {
			fmt.Fprintln(tw, "\t\t\t\t\t\t")
		}
		msg := g.msg
		if g.procs != 1 {
			msg += "-" + strconv.Itoa(g.procs)
		}
		for _, r := range g.rows {
			note := ""
			if r.contender == g.peer {
				note = " (fastest peer)"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", g.op, msg, r.contender, formatNs(r.ns),
				ratio(r.ns, g.peerNs), ratio(r.ns, g.refNs), note)
		}
	}
	return tw.Flush()
}

// formatNs prints a time with three or four significant digits.
func formatNs(ns float64) string {
	if ns >= 100 {
		return strconv.FormatFloat(ns, 'f', 0, 64)
	}
	return strconv.FormatFloat(ns, 'f', 1, 64)
}

// ratio prints ns/base as e.g. 1.23×, or - when there is no base.
func ratio(ns, base float64) string {
	if base <= 0 {
		return "-"
	}
	return strconv.FormatFloat(ns/base, 'f', 2, 64) + "×"
}
