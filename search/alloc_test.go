package search

import "testing"

// Scoring a candidate structure allocates nothing once the evaluator's
// buffers are sized (DESIGN.md: the hot loop writes into owned buffers).
func TestEvaluateAllocatesNothing(t *testing.T) {
	for _, path := range []string{"../examples/seed000-split-rollover.yaml", "../examples/seed000-employed-roll-in.yaml"} {
		sc := loadScenario(t, path)
		sc.HorizonYears = 3
		p, err := prepare(sc)
		if err != nil {
			t.Fatal(err)
		}
		ev := newEvaluator(p)
		var s structure
		for idx := 0; idx < p.n; idx++ { // warm every buffer
			p.enum.at(idx, &s)
			ev.evaluate(&s, idx, 1<<60)
		}
		for idx := 0; idx < p.n; idx++ {
			p.enum.at(idx, &s)
			if a := testing.AllocsPerRun(20, func() { ev.evaluate(&s, idx, 1<<60) }); a != 0 {
				t.Errorf("%s structure %d: %.1f allocations per evaluation", path, idx, a)
			}
		}
	}
}
