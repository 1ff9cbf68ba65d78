package search

import (
	"context"
	"sync/atomic"
)

// Bounded work (issue 6). Search checks its context between structures, but
// one structure's fill over a long horizon, and the polishing of the end
// stage, can each take seconds. So the context's end (its deadline or a
// cancellation) also sets a flag, through context.AfterFunc, that the long
// loops read every few thousand steps at most: one atomic load, no clock
// read and no allocation in the hot path. A loop that sees it unwinds at
// once, leaving what it had as it was: a fill keeps the best programme it
// completed (or none), a polish keeps the improvements it made, and every
// candidate kept is still scored by an exact replay. Search then says the
// ranking is not proven (Feasible).

// halt is a view of the search's stop flag; its zero value never stops.
type halt struct{ flag *atomic.Bool }

// now reports whether the search must stop.
func (h halt) now() bool { return h.flag != nil && h.flag.Load() }

// haltOn returns a halt that trips when ctx ends, and the function that
// releases the watch (call it when the search returns).
func haltOn(ctx context.Context) (halt, func() bool) {
	flag := new(atomic.Bool)
	release := context.AfterFunc(ctx, func() { flag.Store(true) })
	if ctx.Err() != nil {
		flag.Store(true) // already over: no need to wait for AfterFunc's goroutine
	}
	return halt{flag}, release
}

// setHalt makes e's fill and polishing stop when h trips.
func (e *evaluator) setHalt(h halt) { e.fill.halt, e.sp.halt = h, h }

// stopped reports whether e's search must stop.
func (e *evaluator) stopped() bool { return e.fill.halt.now() }
