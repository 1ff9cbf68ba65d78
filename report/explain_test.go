package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/objective"
	"github.com/rothpath/optimize/search"
)

func TestRoundAmount(t *testing.T) {
	m := money.MustParse
	for _, c := range []struct {
		in   string
		mode rounding
		want string
	}{
		{"81922.00", roundNearest, "81900.00"}, {"81922.00", roundUp, "82000.00"}, {"81922.00", roundDown, "81900.00"},
		{"81950.00", roundNearest, "82000.00"}, {"599999.98", roundNearest, "600000.00"}, {"150000.00", roundUp, "150000.00"},
		{"512.40", roundNearest, "512.00"}, {"512.40", roundUp, "513.00"}, {"0.06", roundNearest, "0.00"},
	} {
		if got := roundAmount(m(c.in), c.mode); got != m(c.want) {
			t.Errorf("roundAmount(%s, %d) = %s, want %s", c.in, c.mode, got, c.want)
		}
	}
}

// The fixture's year stops with the goal met, its conversion is rounded up
// (never short of the goal), and the plan's split rollover is the whole
// balance; accounts are named by their labels in every sentence.
func TestClientStepsAndStops(t *testing.T) {
	in := fixtureInput()
	e := newExplainer(in)
	s := &in.Result.Strategies[0]
	ys := e.explain(s, in.Goal)
	if len(ys) != 1 || len(ys[0].Stops) != 1 || ys[0].Stops[0].Kind != StopGoalMet || !ys[0].Stops[0].Room {
		t.Fatalf("stops %+v", ys)
	}
	// Single 2026, 147,000 added: the next threshold that raises the cost is
	// the top of the 24% bracket, 201,775 + 16,100 of deduction.
	if th := ys[0].Stops[0].Threshold; th.Added != money.Dollars(217875) || th.Rate != 0.24 {
		t.Errorf("room %+v", th)
	}
	steps := clientSteps(s, e, in.Goal)
	if !strings.Contains(steps[0], "Ask Acme 401(k) for a full distribution of the whole balance") ||
		!strings.Contains(steps[0], "about $50,000 to a new Roth IRA for client") {
		t.Errorf("step 1: %s", steps[0])
	}
	if steps[1] != "Convert $150,000 from Schwab IRA to a new Roth IRA for client (about $147,000 taxable)." {
		t.Errorf("step 2: %s", steps[1])
	}
	// An IRA emptied by the conversion says so, and is the whole balance.
	s2 := *s
	s2.Years = append([]search.Year(nil), s.Years...)
	s2.Years[0].Form8606 = append([]search.Form8606Lines(nil), s.Years[0].Form8606...)
	s2.Years[0].Form8606[0].Line6 = 0
	steps = clientSteps(&s2, e, in.Goal)
	if !strings.HasPrefix(steps[1], "Convert the whole balance of Schwab IRA (about $150,000)") {
		t.Errorf("emptied: %s", steps[1])
	}
	if ys := e.explain(&s2, in.Goal); ys[0].Stops[0].Kind != StopEmptied || ys[0].Stops[0].Account != "Schwab IRA" {
		t.Errorf("emptied stops %+v", ys[0].Stops)
	}
}

// A ranking not proven optimal carries a visible flag with its cause.
func TestHTMLFlagsUnproven(t *testing.T) {
	in := fixtureInput()
	r := *in.Result
	r.Status, r.Cause, r.Gap = search.Feasible, search.CauseNodeLimit, money.Dollars(12)
	in.Result = &r
	var b bytes.Buffer
	if err := WriteHTML(&b, in, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `<p class="flag unproven" data-status="feasible">⚠ Not proven optimal <span>the search&#39;s work limit`) {
		t.Errorf("no unproven flag:\n%s", b.String()[:2000])
	}
	if strings.Contains(b.String(), "Proven optimal</p>") {
		t.Error("claims proven")
	}
}

// Colour is ANSI on the headings and the status line only when asked.
func TestTableColour(t *testing.T) {
	in := fixtureInput()
	var plain, coloured bytes.Buffer
	if err := WriteTable(&plain, in); err != nil {
		t.Fatal(err)
	}
	in.Colour = true
	if err := WriteTable(&coloured, in); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), "\x1b[") {
		t.Error("escape codes without Colour")
	}
	if !strings.Contains(coloured.String(), "\x1b[1mStrategies, cheapest first\x1b[0m") || !strings.Contains(coloured.String(), "\x1b[32mGoal: move") {
		t.Errorf("no colour:\n%s", coloured.String()[:600])
	}
}

// A year at the top of the supported range has no next step: the cell and
// the sentence say so instead of "$0 more would cost $0.00 (0%)".
func TestNextAtTheRange(t *testing.T) {
	edge := objective.NextCost{Year: 2026, At: money.Dollars(999_000_000)}
	if got := NextShort(edge); got != "none (range limit)" {
		t.Errorf("cell %q", got)
	}
	if got := NextText(edge); !strings.Contains(got, "no more income can be added") {
		t.Errorf("sentence %q", got)
	}
	step := objective.NextCost{Year: 2026, Step: money.Dollars(1000), Ordinary: money.Dollars(240), Federal: money.Dollars(240), Total: money.Dollars(240)}
	if got := NextShort(step); got != "$240.00 (24%)" {
		t.Errorf("cell %q", got)
	}
}
