package search

import (
	"context"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rothpath/optimize/money"
)

// Once the halt trips, the fill gives up at once (it has completed no
// programme, so it has no fill) and every polish of the end stage leaves its
// candidate as it was.
func TestHaltStopsFillAndPolish(t *testing.T) {
	sc := loadScenario(t, "../examples/married-social-security.yaml")
	p, err := prepare(sc)
	if err != nil {
		t.Fatal(err)
	}
	ev := newEvaluator(p)
	flag := new(atomic.Bool)
	ev.setHalt(halt{flag})
	var s structure
	var scored []candidate
	for idx := 0; idx < p.n; idx++ {
		p.enum.at(idx, &s)
		if c, st := ev.evaluate(&s, idx, 1<<60); st == evalScored {
			c.gross, c.explicit = slices.Clone(c.gross), slices.Clone(c.explicit)
			scored = append(scored, c)
		}
	}
	if len(scored) == 0 {
		t.Fatal("no structure scored")
	}
	flag.Store(true)
	memo := map[string][]money.Cents{}
	for _, c := range scored {
		p.enum.at(c.idx, &s)
		if err := ev.replay(&s, false); err != nil {
			t.Fatal(err)
		}
		var conv money.Cents
		for y := range ev.probes {
			conv += ev.probes[y].conv
		}
		ev.buildFill()
		if ev.fill.solve(ev.fy, ev.goal-conv, &ev.fres); ev.fres.ok {
			t.Errorf("structure %d: a halted fill returned a fill", c.idx)
		}
		got := c
		got.gross = slices.Clone(c.gross)
		ev.polishCandidate(&got, p.enum, memo)
		if ev.exhaustiveRefine(&got, &s) {
			t.Errorf("structure %d: a halted exhaustiveRefine says it swept", c.idx)
		}
		ev.exactPolish(&got, &s)
		ev.swapPolish(&got, &s)
		if got.objective != c.objective || !slices.Equal(got.gross, c.gross) || got.explicit != nil && c.explicit == nil {
			t.Errorf("structure %d: halted polishing changed the candidate: %v %v, was %v %v",
				c.idx, got.objective, got.gross, c.objective, c.gross)
		}
	}
	if len(memo) != 0 {
		t.Errorf("a halted polish was memoised")
	}
}

// haltOn trips when its context ends, at once when it has already ended.
func TestHaltOn(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	h, release := haltOn(ctx)
	defer release()
	if h.now() {
		t.Fatal("tripped before the context ended")
	}
	cancel()
	for deadline := time.Now().Add(5 * time.Second); !h.now(); {
		if time.Now().After(deadline) {
			t.Fatal("not tripped 5 s after the context ended")
		}
		time.Sleep(time.Millisecond)
	}
	h2, release2 := haltOn(ctx)
	defer release2()
	if !h2.now() {
		t.Error("a halt on an ended context is not tripped at once")
	}
	if (halt{}).now() {
		t.Error("the zero halt trips")
	}
}
