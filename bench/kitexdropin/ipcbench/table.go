package ipcbench

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// The table's layout: right-aligned columns of these widths (in runes).
const (
	headingFormat = "======== IPC Benchmark - %s ========\n"
	columnsFormat = "%10s%9s%9s%11s%11s%11s%11s\n"
)

// WriteTables writes one table per result, in order, then a line per
// result whose transport has a Versus among the results: the ratios of its
// average and 99th percentile latency and of its QPS to the other's.
func WriteTables(w io.Writer, results []Result) error {
	var b strings.Builder
	for i, r := range results {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, headingFormat, r.Transport.Title)
		fmt.Fprintf(&b, columnsFormat, "Type", "Conns", "Size", "Avg", "P50", "P99", "QPS")
		fmt.Fprintf(&b, columnsFormat, "Client", fmt.Sprint(r.Conns), fmt.Sprint(r.Size),
			micros(r.Avg), micros(r.P50), micros(r.P99), fmt.Sprintf("%.0f", r.QPS()))
	}
	first := true
	for _, r := range results {
		base, ok := resultOf(results, r.Transport.Versus)
		if !ok {
			continue
		}
		if first {
			b.WriteString("\n")
			first = false
		}
		fmt.Fprintf(&b, "%s / %s: avg %s, p99 %s, QPS %s\n", r.Transport.Title, base.Transport.Title,
			ratio(float64(r.Avg), float64(base.Avg)), ratio(float64(r.P99), float64(base.P99)),
			ratio(r.QPS(), base.QPS()))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// resultOf returns the result of the transport named name.
func resultOf(results []Result, name string) (Result, bool) {
	for _, r := range results {
		if name != "" && r.Transport.Name == name {
			return r, true
		}
	}
	return Result{}, false
}

// micros formats d in whole microseconds, as the table shows latencies.
func micros(d time.Duration) string {
	return fmt.Sprintf("%dμs", d.Round(time.Microsecond).Microseconds())
}

func ratio(a, b float64) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f×", a/b)
}
