package rules

import (
	"reflect"
	"testing"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// bytesReader hands out fuzz bytes; past the end it returns zeros.
type bytesReader struct {
	b []byte
	i int
}

func (r *bytesReader) byte() byte {
	if r.i >= len(r.b) {
		return 0
	}
	r.i++
	return r.b[r.i-1]
}

func (r *bytesReader) bool() bool { return r.byte()&1 == 1 }

// amount returns up to about $1,677,721.50 in cents, often round.
func (r *bytesReader) amount() money.Cents {
	v := money.Cents(r.byte())<<16 | money.Cents(r.byte())<<8 | money.Cents(r.byte())
	if r.bool() {
		v -= v % 100
	}
	return v
}

func fuzzScenario(r *bytesReader) *scenario.Scenario {
	sc := &scenario.Scenario{StartYear: 2026, HorizonYears: 1 + int(r.byte()%3), Cash: r.amount()}
	sc.Assumptions.GrowthRate = float64(r.byte()%16) / 100
	np := 1 + int(r.byte()%2)
	for i := 0; i < np; i++ {
		p := scenario.Person{ID: []string{"a", "b"}[i], BirthYear: 1950 + int(r.byte()%40), SeparatedFromService: r.bool()}
		bal := r.amount()
		basis := money.Cents(0)
		if bal > 0 {
			basis = money.Cents(int64(r.amount()) % int64(bal+1))
		}
		p.Accounts = append(p.Accounts, scenario.Account{ID: p.ID + "-ira", Kind: scenario.KindTraditionalIRA, Balance: bal, Basis: basis})
		for j := 0; j < int(r.byte()%3); j++ {
			a := scenario.Account{ID: p.ID + "-plan" + string(rune('0'+j)),
				Kind:   []scenario.AccountKind{scenario.Kind401k, scenario.Kind403b, scenario.KindGovernmental457}[r.byte()%3],
				Pretax: r.amount(), AfterTaxContributions: r.amount(), Pre1987AfterTax: r.amount() / 8,
				DesignatedRoth: r.amount() / 4, SeparateAfterTaxAccount: r.bool(),
				AllowsInPlanRothRollover: r.bool(), AcceptsIRARollIn: r.bool()}
			if a.AfterTaxContributions > 0 {
				a.AfterTaxEarnings = r.amount() / 4
			}
			for _, src := range []scenario.Source{scenario.SourceAfterTax, scenario.SourcePretax, scenario.SourceRoth} {
				if r.bool() {
					a.InServiceSources = append(a.InServiceSources, src)
				}
			}
			p.Accounts = append(p.Accounts, a)
		}
		sc.People = append(sc.People, p)
	}
	return sc
}

func fuzzMove(r *bytesReader, s *State) Move {
	m := Move{Kind: MoveKind(1 + r.byte()%uint8(IRAContribution-1)), Year: s.Year,
		Person: int(r.byte()) % s.NPeople, Amount: r.amount(), Whole: r.bool(),
		ExtraToRoth: r.amount() / 4, ToCash: r.amount() / 4, AfterTaxToIRA: r.bool(),
		Rollover: r.amount(), AfterTaxToRoth: r.bool(), FromSubaccount: r.bool(), FromIRA: r.bool()}
	if len(s.Plans) > 0 {
		m.Plan = int(r.byte()) % len(s.Plans)
		m.Target = int(r.byte()) % len(s.Plans)
		m.ToPlan = r.bool()
	}
	return m
}

func basisOf(s *State) money.Cents {
	var b money.Cents
	for i := 0; i < s.NPeople; i++ {
		b += s.People[i].Basis + s.People[i].AfterTaxIn + s.People[i].Contributions
	}
	for i := range s.Plans {
		b += s.Plans[i].AfterTax + s.Plans[i].Pre1987
	}
	return b
}

func checkNonNegative(t *testing.T, s *State) {
	t.Helper()
	if s.Cash < 0 || s.Withheld < 0 {
		t.Fatalf("negative cash %s or withheld %s", s.Cash, s.Withheld)
	}
	for i := 0; i < s.NPeople; i++ {
		p := &s.People[i]
		if p.IRA < 0 || p.Basis < 0 || p.Roth < 0 || p.AfterTaxIn < 0 {
			t.Fatalf("person %d negative: %+v", i, *p)
		}
	}
	for i := range s.Plans {
		pl := &s.Plans[i]
		if pl.Pretax < 0 || pl.AfterTax < 0 || pl.Earnings < 0 || pl.Pre1987 < 0 || pl.Roth < 0 || pl.RolledIn < 0 {
			t.Fatalf("plan %s negative: %+v", pl.ID, *pl)
		}
	}
}

// FuzzMoves holds the conservation laws over random households and random
// move sequences: money is neither created nor destroyed by a move (growth at
// year end aside); basis is never created, never negative, and leaves only as
// the nontaxable part of a move or Form 8606 line 13; the nontaxable part
// never exceeds the amount moved; a refused move changes nothing.
func FuzzMoves(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("seed-000 split and convert"))
	f.Add([]byte{0, 10, 0, 0, 5, 1, 20, 1, 100, 0, 0, 0, 50, 0, 0, 0, 2, 0, 1, 0, 30, 0, 0, 1, 5, 0, 0, 0, 1, 1, 0, 0, 9, 9, 9, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte{255, 255, 255, 255, 0, 1, 0, 200, 0, 0, 0, 100, 0, 0, 0, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &bytesReader{b: data}
		s, err := NewState(fuzzScenario(r))
		if err != nil {
			t.Skip(err)
		}
		var before State
		var e Effect
		var yr YearResult
		for y := s.StartYear; y < s.StartYear+s.Horizon; y++ {
			for n := int(r.byte() % 6); n > 0; n-- {
				m := fuzzMove(r, s)
				if m.Kind == IRAContribution {
					continue // creates basis from cash by design
				}
				s.CopyTo(&before)
				money0, basis0 := s.Money(), basisOf(s)
				if err := s.Apply(&m, &e); err != nil {
					before.err, s.err = MoveError{}, MoveError{}
					if !reflect.DeepEqual(&before, s) {
						t.Fatalf("refused move %+v changed the state: %v", m, err)
					}
					continue
				}
				checkNonNegative(t, s)
				if got := s.Money(); got != money0 {
					t.Fatalf("%s: money %s -> %s", m.Kind.Action(), money0, got)
				}
				if got := basisOf(s); got != basis0-e.Nontaxable {
					t.Fatalf("%s: basis %s -> %s with nontaxable %s", m.Kind.Action(), basis0, got, e.Nontaxable)
				}
				if e.Nontaxable < 0 || e.Nontaxable > e.Gross || e.Taxable < 0 || e.Taxable > e.Gross {
					t.Fatalf("%s: gross %s taxable %s nontaxable %s", m.Kind.Action(), e.Gross, e.Taxable, e.Nontaxable)
				}
				var sum money.Cents
				for _, d := range e.Destinations() {
					sum += d.Amount
				}
				if m.Kind != IRARollIn && sum != e.Gross {
					t.Fatalf("%s: destinations %s != gross %s", m.Kind.Action(), sum, e.Gross)
				}
			}
			money0, basis0 := s.Money(), basisOf(s)
			s.CloseYear(y, &yr)
			checkNonNegative(t, s)
			if got := s.Money(); got != money0+yr.Growth {
				t.Fatalf("close %d: money %s -> %s with growth %s", y, money0, got, yr.Growth)
			}
			var used money.Cents
			for i := 0; i < s.NPeople; i++ {
				used += yr.Form8606[i].Line13
				if yr.Form8606[i].Line14 < 0 || yr.Form8606[i].Line13 > yr.Form8606[i].Line8+yr.Form8606[i].Line7 {
					t.Fatalf("close %d: form %+v", y, yr.Form8606[i])
				}
			}
			if got := basisOf(s); got != basis0-used {
				t.Fatalf("close %d: basis %s -> %s, line 13 %s", y, basis0, got, used)
			}
		}
	})
}
