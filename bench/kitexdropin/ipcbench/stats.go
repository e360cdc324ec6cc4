package ipcbench

import (
	"math"
	"slices"
	"time"
)

// summary is the average and two percentiles of a set of latencies.
type summary struct {
	avg, p50, p99 time.Duration
}

// summarize sorts d and summarizes it; the zero summary if d is empty.
func summarize(d []time.Duration) summary {
	if len(d) == 0 {
		return summary{}
	}
	slices.Sort(d)
	var sum time.Duration
	for _, x := range d {
		sum += x
	}
	return summary{avg: sum / time.Duration(len(d)), p50: percentile(d, 0.50), p99: percentile(d, 0.99)}
}

// percentile returns the nearest-rank p-th percentile (0 < p <= 1) of
// sorted: the smallest value that at least p of the values do not exceed.
func percentile(sorted []time.Duration, p float64) time.Duration {
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}
