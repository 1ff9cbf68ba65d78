package search

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/rothpath/optimize/money"
)

// A replay resumed from a checkpoint (replayFrom) and scored from there
// (scoreFrom) gives what a replay from the start gives: the same ledger,
// moves and objective, whichever year it resumes at.
func TestReplayFromCheckpointMatchesFullReplay(t *testing.T) {
	for _, path := range []string{"../examples/seed000-split-rollover.yaml", "../examples/married-social-security.yaml"} {
		sc := loadScenario(t, path)
		sc.HorizonYears = 4
		p, err := prepare(sc)
		if err != nil {
			t.Fatal(err)
		}
		ev := newEvaluator(p)
		n := sc.HorizonYears
		ev.ckptBuf = make([]checkpoint, n)
		ev.yearPV = make([]money.Cents, n)
		var s structure
		checked := 0
		for idx := 0; idx < p.n; idx++ {
			p.enum.at(idx, &s)
			c, st := ev.evaluate(&s, idx, 1<<60)
			if st != evalScored || c.explicit != nil {
				continue
			}
			base := slices.Clone(c.gross)
			for from := 0; from < n; from++ {
				// Replay base with checkpoints, then a fill sharing its years
				// before from and differing after.
				ev.ckpt = ev.ckptBuf
				ev.fres.gross = append(ev.fres.gross[:0], base...)
				if ev.replayFrom(&s, 0) != nil {
					t.Fatalf("%s structure %d: replay failed", path, idx)
				}
				ev.scoreFrom(idx, 0)
				trial := slices.Clone(base)
				for y := from; y < n; y++ {
					trial[y] = money.Max(0, trial[y]+money.Cents(y-from+1)*7*money.Dollar-20*money.Dollar)
				}
				ev.fres.gross = append(ev.fres.gross[:0], trial...)
				errFrom := ev.replayFrom(&s, from)
				got, gotOK := ev.scoreFrom(idx, from)
				gotYears := slices.Clone(ev.ledger.Years)
				ev.ckpt = nil
				ev.fres.gross = append(ev.fres.gross[:0], trial...)
				errFull := ev.replay(&s, true)
				want, wantOK := ev.scoreReplay(idx)
				if (errFrom == nil) != (errFull == nil) {
					t.Fatalf("%s structure %d from %d: errors %v and %v", path, idx, from, errFrom, errFull)
				}
				if errFull != nil {
					continue
				}
				if got.objective != want.objective || got.basisLeft != want.basisLeft || got.cash != want.cash ||
					got.steps != want.steps || gotOK != wantOK || !slices.Equal(gotYears, ev.ledger.Years) {
					t.Fatalf("%s structure %d from %d: resumed %+v %v, full %+v %v", path, idx, from, got, gotOK, want, wantOK)
				}
				checked++
			}
		}
		t.Logf("%s: %d resumed replays checked", path, checked)
		if checked < 10 {
			t.Fatalf("%s: only %d resumed replays checked", path, checked)
		}
	}
}

// cheapest gives what a stable sort by model cost, cut to k, gives.
func TestCheapestMatchesStableSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 500; trial++ {
		n := rng.IntN(60)
		var props []shiftProposal
		for a := 0; a < 3; a++ {
			for b := 0; b < 3; b++ {
				for d := 0; d < n/9+1; d++ {
					props = append(props, shiftProposal{delta: money.Cents(rng.IntN(5) - 2), a: a, b: b, ga: money.Cents(d), gb: money.Cents(rng.IntN(9))})
				}
			}
		}
		want := slices.Clone(props)
		slices.SortStableFunc(want, func(x, y shiftProposal) int { return cmp.Compare(x.delta, y.delta) })
		k := rng.IntN(len(props) + 2)
		if k < len(want) {
			want = want[:k]
		}
		if got := cheapest(props, k); !slices.Equal(got, want) {
			t.Fatalf("trial %d (k %d):\n got %v\nwant %v", trial, k, got, want)
		}
	}
}
