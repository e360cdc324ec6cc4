package main

import (
	"sort"

	"github.com/frugaljit/frugal/bench"
)

// group is one operation on one message at one GOMAXPROCS.
type group struct {
	op, msg string
	procs   int
	rows    []row
	peer    string  // the fastest peer, "" if no peer ran
	peerNs  float64 // its time
	refNs   float64 // memmove's time, 0 if it did not run
}

// row is one contender's median time in a group.
type row struct {
	contender string
	ns        float64
}

type groupKey struct {
	op, msg string
	procs   int
}

// summarize takes the median time of every contender in every group, groups
// in the order they first appear and contenders in the given order (unknown
// names last, by name), and finds each group's fastest peer and reference.
func summarize(samples []sample, order []string, roles map[string]bench.Role) []*group {
	rank := make(map[string]int, len(order))
	for i, name := range order {
		rank[name] = i
	}
	times := map[groupKey]map[string][]float64{}
	var groups []*group
	for _, s := range samples {
		k := groupKey{s.op, s.msg, s.procs}
		if times[k] == nil {
			times[k] = map[string][]float64{}
			groups = append(groups, &group{op: s.op, msg: s.msg, procs: s.procs})
		}
		times[k][s.contender] = append(times[k][s.contender], s.ns)
	}
	for _, g := range groups {
		for name, ns := range times[groupKey{g.op, g.msg, g.procs}] {
			g.rows = append(g.rows, row{contender: name, ns: median(ns)})
		}
		sort.Slice(g.rows, func(i, j int) bool {
			ri, iok := rank[g.rows[i].contender]
			rj, jok := rank[g.rows[j].contender]
			if iok != jok {
				return iok
			}
			if ri != rj {
				return ri < rj
			}
			return g.rows[i].contender < g.rows[j].contender
		})
		for _, r := range g.rows {
			switch roles[r.contender] {
			case bench.Peer:
				if g.peer == "" || r.ns < g.peerNs {
					g.peer, g.peerNs = r.contender, r.ns
				}
			case bench.Reference:
				g.refNs = r.ns
			}
		}
	}
	return groups
}

// median returns the middle value (the mean of the two middle ones for an
// even count) of a non-empty slice.
func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
