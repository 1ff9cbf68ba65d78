package rules

import (
	"errors"
	"testing"
)

// The search calls Apply, CloseYear, CopyTo and Run in its hot loop: none may
// allocate, a refused move included.
func TestZeroAllocs(t *testing.T) {
	base := mustState(t, seed000())
	var s State
	base.CopyTo(&s)
	moves := []Move{
		{Kind: SplitRollover, Year: 2026, Plan: 0, Whole: true},
		{Kind: IRAConversion, Year: 2026, Amount: d(150000)},
	}
	var e Effect
	var r YearResult
	l := Ledger{Years: make([]YearResult, 0, 1)}
	effects := make([]Effect, len(moves))
	bad := Move{Kind: InPlanRothRollover, Year: 2026, Plan: 0, Amount: d(1)}
	n := testing.AllocsPerRun(200, func() {
		base.CopyTo(&s)
		for i := range moves {
			if err := s.Apply(&moves[i], &e); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Apply(&bad, &e); !errors.Is(err, ErrNoInPlanRoth) {
			t.Fatal(err)
		}
		s.CloseYear(2026, &r)
		base.CopyTo(&s)
		if err := Run(&s, moves, &l, effects); err != nil {
			t.Fatal(err)
		}
	})
	if n != 0 {
		t.Errorf("allocations per run = %v, want 0", n)
	}
	if r.AddedOrdinary != d(147000) || l.Years[0].AddedOrdinary != d(147000) {
		t.Errorf("added ordinary = %s / %s", r.AddedOrdinary, l.Years[0].AddedOrdinary)
	}
}
