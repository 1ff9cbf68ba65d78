package rules

import (
	"testing"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// The quotes carry the spec's worked numbers (docs/rules.md).
func TestQuoteWorkedNumbers(t *testing.T) {
	// Seed 000, 2026 law: converting $150,000 in the year the 401(k)'s
	// $350,000 of pre-tax money is rolled into the IRA: line 10 = 0.02,
	// $147,000 taxable. Without the rollover: line 10 = 0.0375, $144,375.
	s := mustState(t, seed000())
	ira := Source{Kind: SourceIRA, Person: 0, Plan: -1}
	q := s.Quote(ira, d(150000))
	eq(t, "taxable before the split", q.Taxable, money.MustParse("144375"))
	eq(t, "converted", q.Converted, d(150000))
	var e Effect
	if err := s.Apply(&Move{Kind: SplitRollover, Year: 2026, Plan: 0, Whole: true}, &e); err != nil {
		t.Fatal(err)
	}
	eq(t, "taxable after the split", s.Quote(ira, d(150000)).Taxable, d(147000))

	// Roll-in: IRA $100,000 with $20,000 basis, plan accepts roll-ins; roll
	// $80,000 in and convert the $20,000 basis: nothing taxable; converting
	// $10,000 of pre-tax money besides: $10,000 taxable.
	sc := &scenario.Scenario{StartYear: 2026, HorizonYears: 1, People: []scenario.Person{{
		ID: "ann", BirthYear: 1960,
		Accounts: []scenario.Account{
			{ID: "k", Kind: scenario.Kind401k, AcceptsIRARollIn: true, Pretax: d(1000)},
			{ID: "ira", Kind: scenario.KindTraditionalIRA, Balance: d(100000), Basis: d(20000)},
		},
	}}}
	s = mustState(t, sc)
	src := Source{Kind: SourceIRAWithRollIn, Person: 0, Plan: 0}
	eq(t, "roll-in year cap", s.Cap(src), d(80000))
	q = s.Quote(src, 0)
	eq(t, "roll-in year taxable", q.Taxable, 0)
	eq(t, "roll-in year converted", q.Converted, d(20000))
	eq(t, "roll-in year with $10,000 more", s.Quote(src, d(10000)).Taxable, d(10000))
	eq(t, "without the roll-in", s.Quote(Source{Kind: SourceIRA, Person: 0, Plan: -1}, d(20000)).Taxable, d(16000))

	// In-plan Roth rollover of $30,000 from a $100,000 plan with $20,000
	// after-tax, not separately accounted: $24,000 taxable.
	sc = &scenario.Scenario{StartYear: 2026, HorizonYears: 1, People: []scenario.Person{{
		ID: "bo", BirthYear: 1960,
		Accounts: []scenario.Account{{ID: "k", Kind: scenario.Kind401k, AllowsInPlanRothRollover: true,
			Pretax: d(80000), AfterTaxContributions: d(20000)}},
	}}}
	s = mustState(t, sc)
	srcs := s.Sources(nil, [MaxPeople]int{-1, -1})
	if len(srcs) != 1 || srcs[0].Kind != SourceInPlanRoth {
		t.Fatalf("sources %+v, want one in-plan Roth rollover (the employed person may not take a distribution)", srcs)
	}
	eq(t, "in-plan taxable", s.Quote(srcs[0], d(30000)).Taxable, d(24000))
}

// FuzzQuotes: on random households, after random plan moves, the year's
// fill quotes add up to exactly what the year's close adds, each quote lies
// within its linear model's allowances, and a later year's quote lies within
// the widened model of the projection made with no fill in between.
func FuzzQuotes(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("quotes over a few years"))
	f.Add([]byte{3, 100, 0, 0, 1, 1, 30, 200, 0, 0, 1, 50, 0, 0, 0, 2, 1, 1, 9, 9, 9, 1, 0, 1, 1, 200, 100, 50, 25, 12, 6, 3, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &bytesReader{b: data}
		s, err := NewState(fuzzScenario(r))
		if err != nil {
			t.Skip(err)
		}
		var e Effect
		var yr, yr0, yrProj YearResult
		var base, proj State
		s.CopyTo(&proj) // the projection: no fill from the first year on
		var drawn [MaxPeople + 8]money.Cents
		// A roll-in moves an amount the fill chooses into a plan and empties
		// the IRA: the accounts it touches are no longer projected by Widen
		// (the search bounds them from other projections).
		var tainted [MaxPeople + 8]bool
		moves := 0
		for y := s.StartYear; y < s.StartYear+s.Horizon; y++ {
			years := y - s.StartYear
			// Plan moves first, as a structure would make them.
			if len(s.Plans) > 0 && r.bool() {
				m := Move{Kind: []MoveKind{SplitRollover, SubaccountSplitRollover, PlanToRoth}[r.byte()%3],
					Year: y, Plan: int(r.byte()) % len(s.Plans), Whole: true}
				err1 := s.Apply(&m, &e)
				err2 := proj.Apply(&m, &e) // the projection makes the same plan moves
				if err1 == nil && m.Kind != PlanToRoth {
					// Money entering an IRA after draws from it or from the
					// plan dilutes it differently than the projection: the
					// search bounds those years another way.
					tainted[s.Plans[m.Plan].Person] = true
				}
				if (err1 == nil) != (err2 == nil) || (err1 == nil && m.Kind == SubaccountSplitRollover) {
					// The projection no longer makes the same moves (or the
					// subaccount split moves an amount the fill changed).
					for i := range tainted {
						tainted[i] = true
					}
				}
			}
			rollIn := [MaxPeople]int{-1, -1}
			for k := 0; k < s.NPeople; k++ {
				for i := range s.Plans {
					if s.Plans[i].Person == k && s.Plans[i].AcceptsRollIn && !s.Plans[i].Closed && r.byte()%4 == 0 {
						rollIn[k] = i
					}
				}
			}
			srcs := s.Sources(nil, rollIn)
			projSrcs := proj.Sources(nil, rollIn)
			s.CopyTo(&base)
			var want Quote
			var ms []Move
			for _, src := range srcs {
				cp := s.Cap(src)
				g := money.Cents(0)
				if cp > 0 {
					g = money.Cents(int64(r.amount())%int64(cp+1)) / money.Dollar * money.Dollar
				}
				q := base.Quote(src, g)
				want.Taxable += q.Taxable
				want.Converted += q.Converted
				l := base.Linear(src, 0)
				checkLinear(t, "now", &l, g, q)
				for _, ps := range projSrcs {
					if ps == src && years > 0 && !tainted[accountSlot(src)] && g <= proj.Cap(ps) {
						w := proj.Widen(proj.Linear(ps, 0), ps, drawn[accountSlot(src)], moves, years)
						checkLinear(t, "projected", &w, g, q)
					}
				}
				ms = s.SourceMoves(ms[:0], src, g)
				for i := range ms {
					if err := s.Apply(&ms[i], &e); err != nil {
						t.Fatalf("source %+v moving %s: %v", src, g, err)
					}
				}
				drawn[accountSlot(src)] += g
				if src.Kind == SourceIRAWithRollIn {
					tainted[src.Person] = true
					tainted[MaxPeople+src.Plan%8] = true
				}
				if g > 0 {
					moves++
				}
			}
			base.CloseYear(y, &yr0)
			s.CloseYear(y, &yr)
			proj.CloseYear(y, &yrProj)
			if got := yr.AddedOrdinary - yr0.AddedOrdinary; got != want.Taxable {
				t.Fatalf("%d: the fill added %s of ordinary income, its quotes %s", y, got, want.Taxable)
			}
			if got := yr.Converted - yr0.Converted; got != want.Converted {
				t.Fatalf("%d: the fill converted %s, its quotes %s", y, got, want.Converted)
			}
		}
	})
}

// accountSlot numbers the account a source draws on: person k's IRA is k,
// plan i is MaxPeople + i.
func accountSlot(src Source) int {
	if src.Kind == SourceIRA || src.Kind == SourceIRAWithRollIn {
		return src.Person
	}
	return MaxPeople + src.Plan%8
}

func checkLinear(t *testing.T, what string, l *Linear, g money.Cents, q Quote) {
	t.Helper()
	line := money.MulDivFloor(g, l.TaxNum, l.TaxDen) + l.TaxConst
	lineUp := money.MulDivCeil(g, l.TaxNum, l.TaxDen) + l.TaxConst
	if q.Taxable < line-l.ErrLow(g) || q.Taxable > lineUp+l.ErrHigh(g) {
		t.Fatalf("%s: taxable %s of %s outside the linear model %s..%s (%+v)", what, q.Taxable, g,
			line-l.ErrLow(g), lineUp+l.ErrHigh(g), *l)
	}
	if q.Taxable < g-l.MaxNontaxable {
		t.Fatalf("%s: taxable %s of %s below the amount less MaxNontaxable %s", what, q.Taxable, g, l.MaxNontaxable)
	}
	if what == "now" && q.Converted != g+l.ConvConst {
		t.Fatalf("converted %s of %s, linear model says %s", q.Converted, g, g+l.ConvConst)
	}
}
