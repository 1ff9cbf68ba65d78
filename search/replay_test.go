package search_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rothpath/optimize/bench"
	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/objective"
	"github.com/rothpath/optimize/rules"
	"github.com/rothpath/optimize/scenario"
	"github.com/rothpath/optimize/search"
)

func examplePaths(t testing.TB) []string {
	t.Helper()
	paths, err := filepath.Glob("../examples/*.yaml")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	return paths
}

func load(t testing.TB, path string) *scenario.Scenario {
	t.Helper()
	sc, err := scenario.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// checkStrategy replays st from its steps alone and checks that every figure
// the strategy reports is what the replayed ledger and the objective say.
func checkStrategy(sc *scenario.Scenario, model *objective.Model, st *search.Strategy) error {
	l, err := search.Replay(sc, st)
	if err != nil {
		return err
	}
	var conv, taxable, basisToRoth, cash money.Cents
	for _, y := range l.Years {
		conv += y.Converted
		taxable += y.AddedOrdinary
		basisToRoth += y.BasisToRoth
		cash += y.CashUsed
	}
	var errs []string
	check := func(name string, got, want money.Cents) {
		if got != want {
			errs = append(errs, fmt.Sprintf("%s: strategy says %s, replay gives %s", name, got, want))
		}
	}
	check("converted", st.Converted, conv)
	check("taxable", st.Taxable, taxable)
	check("basis_to_roth", st.BasisToRoth, basisToRoth)
	check("basis_left", st.BasisLeft, l.BasisLeft)
	check("cash_needed", st.CashNeeded, cash)
	c := model.Cost(l)
	check("total_tax", st.TotalTax, c.Total)
	check("federal_tax", st.FederalTax, c.Federal)
	check("state_tax", st.StateTax, c.State)
	check("penalty", st.Penalty, c.Penalty)
	check("irmaa", st.IRMAA, c.IRMAA)
	check("present_value", st.PresentValue, c.PresentValue)
	// The obvious strategy carries no per-year detail; a ranked one must.
	if len(st.Years) != 0 && len(st.Years) != len(l.Years) {
		errs = append(errs, fmt.Sprintf("%d years reported, %d replayed", len(st.Years), len(l.Years)))
	} else if len(st.Years) != 0 {
		for i, y := range l.Years {
			check(fmt.Sprintf("years[%d].added_taxable", i), st.Years[i].AddedTaxable, y.AddedOrdinary)
			check(fmt.Sprintf("years[%d].added_tax", i), st.Years[i].AddedTax, c.Years[i].Total)
		}
	}
	if st.BasisLeft < 0 || st.CashNeeded < 0 || st.BasisToRoth < 0 || st.Converted < 0 {
		errs = append(errs, fmt.Sprintf("negative figure: basis_left %s cash %s basis_to_roth %s converted %s",
			st.BasisLeft, st.CashNeeded, st.BasisToRoth, st.Converted))
	}
	if st.CashNeeded > sc.Cash {
		errs = append(errs, fmt.Sprintf("cash needed %s above the household's %s", st.CashNeeded, sc.Cash))
	}
	for i, s := range st.Steps {
		if i > 0 && (s.Year < st.Steps[i-1].Year ||
			s.Year == st.Steps[i-1].Year && s.Order != st.Steps[i-1].Order+1) {
			errs = append(errs, fmt.Sprintf("step %d: year %d order %d out of sequence", i+1, s.Year, s.Order))
		}
		for _, d := range s.To {
			if d.Taxable < 0 || d.Taxable > d.Amount {
				errs = append(errs, fmt.Sprintf("step %d: taxable %s of %s", i+1, d.Taxable, d.Amount))
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return nil
}

// checkResult checks every strategy of r: it replays to its own figures,
// meets the goal, and the ranks are 1..n in the order of the objective.
func checkResult(sc *scenario.Scenario, r *search.Result) error {
	model, err := objective.NewModel(sc)
	if err != nil {
		return err
	}
	for i := range r.Strategies {
		st := &r.Strategies[i]
		if err := checkStrategy(sc, model, st); err != nil {
			return fmt.Errorf("rank %d: %w", st.Rank, err)
		}
		if len(st.Years) != sc.HorizonYears {
			return fmt.Errorf("rank %d: %d years of detail, horizon %d", st.Rank, len(st.Years), sc.HorizonYears)
		}
		if st.Rank != i+1 {
			return fmt.Errorf("strategy %d has rank %d", i, st.Rank)
		}
		if st.Converted < sc.Goal.Convert {
			return fmt.Errorf("rank %d converts %s, short of the goal %s", st.Rank, st.Converted, sc.Goal.Convert)
		}
		if i > 0 {
			prev := &r.Strategies[i-1]
			if st.PresentValue < prev.PresentValue ||
				st.PresentValue == prev.PresentValue && st.BasisLeft < prev.BasisLeft {
				return fmt.Errorf("rank %d (objective %s, basis left %s) ranked after rank %d (%s, %s)",
					st.Rank, st.PresentValue, st.BasisLeft, prev.Rank, prev.PresentValue, prev.BasisLeft)
			}
		}
	}
	if r.Obvious != nil {
		if err := checkStrategy(sc, model, r.Obvious); err != nil {
			return fmt.Errorf("obvious strategy: %w", err)
		}
	}
	switch {
	case r.Status == search.Infeasible && len(r.Strategies) > 0:
		return fmt.Errorf("infeasible with %d strategies", len(r.Strategies))
	case r.Status == search.Optimal && len(r.Strategies) == 0:
		return fmt.Errorf("optimal with no strategy")
	}
	return nil
}

// Every strategy the search returns for the examples replays, from its
// steps alone, to exactly its reported figures and cost.
func TestReplayExamples(t *testing.T) {
	for _, path := range examplePaths(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			sc := load(t, path)
			r, err := search.Search(context.Background(), sc, search.Settings{Top: 10, TimeLimit: time.Minute})
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Strategies) == 0 {
				t.Fatalf("no strategy (status %v, cause %d)", r.Status, r.Cause)
			}
			if err := checkResult(sc, r); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// A replay is a check, not an echo: a strategy whose words were altered does
// not replay to the same figures, or is refused.
func TestReplayDetectsTampering(t *testing.T) {
	sc := load(t, "../examples/seed000-split-rollover.yaml")
	r, err := search.Search(context.Background(), sc, search.Settings{Top: 1})
	if err != nil || len(r.Strategies) == 0 {
		t.Fatalf("search: %v", err)
	}
	model, err := objective.NewModel(sc)
	if err != nil {
		t.Fatal(err)
	}
	orig := r.Strategies[0]
	if err := checkStrategy(sc, model, &orig); err != nil {
		t.Fatal(err)
	}
	clone := func() search.Strategy {
		s := orig
		s.Steps = make([]search.Step, len(orig.Steps))
		for i, st := range orig.Steps {
			st.To = append([]search.Destination(nil), st.To...)
			s.Steps[i] = st
		}
		return s
	}
	cases := map[string]func(s *search.Strategy){
		"a cent more converted": func(s *search.Strategy) {
			last := &s.Steps[len(s.Steps)-1]
			last.To[len(last.To)-1].Amount += money.Cents(1)
		},
		"unknown account": func(s *search.Strategy) { s.Steps[0].From = "nowhere" },
		"unknown action":  func(s *search.Strategy) { s.Steps[0].Kind = 99 },
		"a step dropped":  func(s *search.Strategy) { s.Steps = s.Steps[1:] },
		"a year past the horizon": func(s *search.Strategy) {
			s.Steps[len(s.Steps)-1].Year = sc.StartYear + sc.HorizonYears
		},
		"reported tax lowered": func(s *search.Strategy) { s.TotalTax -= money.Cents(1) },
	}
	for name, tamper := range cases {
		s := clone()
		tamper(&s)
		if err := checkStrategy(sc, model, &s); err == nil {
			t.Errorf("%s: replay accepted it", name)
		}
	}
}

// Replay needs nothing but the scenario and the words of the steps: a
// hand-written two-step strategy (seed 000's rank 1 in its own terms)
// replays to the figures rules.Run gives for the same moves.
func TestReplayMatchesRulesRun(t *testing.T) {
	sc := load(t, "../examples/seed000-split-rollover.yaml")
	r, err := search.Search(context.Background(), sc, search.Settings{Top: 3})
	if err != nil || len(r.Strategies) == 0 {
		t.Fatalf("search: %v", err)
	}
	for _, st := range r.Strategies {
		l, err := search.Replay(sc, &st)
		if err != nil {
			t.Fatal(err)
		}
		// Rebuild the moves independently of Replay's reading, for the
		// steps whose move is unambiguous, and compare with rules.Run.
		s, err := rules.NewState(sc)
		if err != nil {
			t.Fatal(err)
		}
		var moves []rules.Move
		simple := true
		for _, step := range st.Steps {
			k := step.Kind
			ref, _ := s.Lookup(step.From)
			switch k {
			case rules.IRAConversion:
				var amt money.Cents
				for _, d := range step.To {
					amt += d.Amount
				}
				moves = append(moves, rules.Move{Kind: k, Year: step.Year, Person: ref.Person, Amount: amt})
			case rules.SplitRollover, rules.SubaccountSplitRollover, rules.Pre1987ToRoth, rules.DesignatedRothRollover:
				moves = append(moves, rules.Move{Kind: k, Year: step.Year, Plan: ref.Plan, Whole: true})
			default:
				simple = false
			}
		}
		if !simple {
			continue
		}
		var want rules.Ledger
		if err := rules.Run(s, moves, &want, nil); err != nil {
			t.Fatal(err)
		}
		if len(want.Years) != len(l.Years) || want.BasisLeft != l.BasisLeft {
			t.Fatalf("rank %d: replay %d years basis %s, Run %d years basis %s", st.Rank, len(l.Years), l.BasisLeft, len(want.Years), want.BasisLeft)
		}
		for i := range want.Years {
			if want.Years[i] != l.Years[i] {
				t.Errorf("rank %d year %d: replay %+v, Run %+v", st.Rank, want.Years[i].Year, l.Years[i], want.Years[i])
			}
		}
	}
}

// fuzzBytes hands out fuzz bytes; past the end it returns zeros.
type fuzzBytes struct {
	b []byte
	i int
}

func (r *fuzzBytes) byte() byte {
	if r.i >= len(r.b) {
		return 0
	}
	r.i++
	return r.b[r.i-1]
}

func (r *fuzzBytes) bool() bool { return r.byte()&1 == 1 }

// amount returns up to about $650,000 in cents, often in whole dollars.
func (r *fuzzBytes) amount() money.Cents {
	v := money.Cents(r.byte())<<16 | money.Cents(r.byte())<<8 | money.Cents(r.byte())
	if r.bool() {
		v -= v % 100
	}
	return v
}

// FuzzReplayMoves: Replay reads back any move the rules allow, not only
// those the search proposes. Random moves of every kind and option (cash
// out, contributions, split rollovers to a plan or with cash or extra to
// Roth, 60-day rollovers, in-plan Roth rollovers from a subaccount, ...) are
// applied to a bench household; each accepted move is written as a step in
// the result format's terms (action, from, destinations, cash used); the
// replay of those steps gives exactly the same ledger, year by year.
func FuzzReplayMoves(f *testing.F) {
	f.Add(uint64(1), []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
	f.Add(uint64(7), []byte("split rollovers, indirect rollovers and roll-ins in every order"))
	for i := uint64(0); i < 10; i++ {
		b := make([]byte, 200)
		for k := range b {
			b[k] = byte(i*31 + uint64(k)*17)
		}
		f.Add(i, b)
	}
	f.Fuzz(func(t *testing.T, seed uint64, data []byte) {
		r := &fuzzBytes{b: data}
		sc := bench.Generate(seed, bench.Shape{Plans: int(r.byte() % 4), Couples: true, Horizon: 1 + int(r.byte()%3)})
		s, err := rules.NewState(sc)
		if err != nil {
			t.Fatal(err)
		}
		st := &search.Strategy{}
		var want rules.Ledger
		var eff rules.Effect
		for y := sc.StartYear; y < sc.StartYear+sc.HorizonYears; y++ {
			for n := int(r.byte() % 6); n > 0; n-- {
				m := rules.Move{Kind: rules.MoveKind(1 + r.byte()%11), Year: y,
					Person: int(r.byte()) % s.NPeople, Amount: r.amount(), Whole: r.bool(),
					ExtraToRoth: r.amount() / 8, ToCash: r.amount() / 8, AfterTaxToIRA: r.bool(),
					Rollover: r.amount(), AfterTaxToRoth: r.bool(), FromSubaccount: r.bool(), FromIRA: r.bool()}
				if len(s.Plans) > 0 {
					m.Plan = int(r.byte()) % len(s.Plans)
					m.Target = int(r.byte()) % len(s.Plans)
					m.ToPlan = r.bool()
				}
				if s.Apply(&m, &eff) != nil {
					continue
				}
				step := search.Step{Year: y, Kind: m.Kind, From: eff.From, CashUsed: eff.CashUsed}
				for _, d := range eff.Destinations() {
					step.To = append(step.To, search.Destination{Account: d.Account, Amount: d.Amount, Taxable: d.Taxable})
				}
				st.Steps = append(st.Steps, step)
			}
			want.Years = append(want.Years, rules.YearResult{})
			s.CloseYear(y, &want.Years[len(want.Years)-1])
		}
		want.BasisLeft = s.BasisLeft()
		got, err := search.Replay(sc, st)
		if err != nil {
			t.Fatalf("replay: %v\nsteps %+v\n%s", err, st.Steps, encode(sc))
		}
		if got.BasisLeft != want.BasisLeft || len(got.Years) != len(want.Years) {
			t.Fatalf("replay: basis left %s over %d years, applied: %s over %d", got.BasisLeft, len(got.Years), want.BasisLeft, len(want.Years))
		}
		for i := range want.Years {
			if got.Years[i] != want.Years[i] {
				t.Fatalf("year %d: replay\n%+v\napplied\n%+v\nsteps %+v\n%s", want.Years[i].Year, got.Years[i], want.Years[i], st.Steps, encode(sc))
			}
		}
	})
}
