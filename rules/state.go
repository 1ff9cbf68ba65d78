package rules

import (
	"fmt"
	"math"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// Person is one taxpayer's IRAs and this year's Form 8606 flows. All of the
// person's traditional, SEP and SIMPLE IRAs are one IRA for the pro-rata rule
// (IRC 408(d)(2)); the Roth IRAs are summed the same way.
type Person struct {
	ID         string
	BirthYear  int
	BirthMonth int // 7 when only the birth year is known
	Separated  bool

	IRAID    string      // first traditional_ira id, else "<person>-ira"
	IRA      money.Cents // aggregated traditional IRA balance
	Basis    money.Cents // Form 8606 line 14 of the year before the open year
	RothID   string      // first roth_ira id, else "<person>-roth-ira"
	Roth     money.Cents
	RothPaid money.Cents // after-tax money and conversions' basis sent to Roth (reported)

	// This year's flows (reset by CloseYear).
	Contributions money.Cents // Form 8606 line 1
	AfterTaxIn    money.Cents // after-tax plan money rolled into the IRA: added to line 2
	Distributions money.Cents // line 7 (not rollovers, not roll-ins, not conversions)
	Conversions   money.Cents // line 8
	RolledIn      money.Cents // pre-tax plan money rolled into the IRA (lands in line 6)
	RolledOut     money.Cents // pre-tax IRA money rolled into a plan (out of lines 6 and 7)
	EarlyDist     bool        // line 7 distributions made while under 59½
}

// Plan is one employer plan with its money by source.
type Plan struct {
	ID       string
	Person   int
	Kind     scenario.AccountKind
	Pretax   money.Cents // deferrals, employer money, earnings except those on after-tax money
	AfterTax money.Cents // after-tax contributions after 1986: basis (IRC 72(e)(8))
	Earnings money.Cents // earnings on after-tax contributions: pre-tax money
	Pre1987  money.Cents // pre-1987 after-tax contributions, separately accounted
	Roth     money.Cents // designated Roth
	RolledIn money.Cents // pre-tax money rolled in from IRAs or other plans (457(b): reached by 72(t))

	SeparateAfterTax bool
	Separated        bool
	// Closed: a full distribution was made after the person left the
	// employer, so the account no longer exists to receive a rollover.
	Closed          bool
	InServiceAfter  bool
	InServicePretax bool
	InServiceRoth   bool
	InPlanRoth      bool
	AcceptsRollIn   bool
}

// NonRoth returns the plan's non-Roth money excluding pre-1987 (the balance a
// distribution is pro-rated over, IRC 72(e)(8)).
func (p *Plan) NonRoth() money.Cents { return p.Pretax + p.AfterTax + p.Earnings }

// Total returns every dollar in the plan.
func (p *Plan) Total() money.Cents { return p.NonRoth() + p.Pre1987 + p.Roth }

// yearFlows accumulates the open year's figures that are known at the move.
type yearFlows struct {
	planOrdinary money.Cents
	penaltyBase  money.Cents
	withheld     money.Cents
	cashUsed     money.Cents
	converted    money.Cents
	basisToRoth  money.Cents
	designated   money.Cents
}

// State is the household while a strategy is applied: balances, basis and
// the open year's flows. Copy it with CopyTo; Apply and CloseYear mutate it.
type State struct {
	Year      int // the open tax year
	StartYear int
	Horizon   int
	People    [MaxPeople]Person
	NPeople   int
	Plans     []Plan
	Cash      money.Cents // household cash outside retirement accounts
	Withheld  money.Cents // all tax withheld so far (credited on returns)
	PaidOut   money.Cents // money that left for good (none today: kept cash stays in Cash)

	growthPPM int64
	flows     yearFlows
	ids       []accountID // read-only after NewState; shared by copies
	err       MoveError
}

// AccountRef says what an id names.
type AccountRef struct {
	Kind   scenario.AccountKind
	Person int
	Plan   int // -1 unless a plan
}

type accountID struct {
	id  string
	ref AccountRef
}

// NewState builds the household from a parsed scenario.
func NewState(sc *scenario.Scenario) (*State, error) {
	if sc == nil || len(sc.People) == 0 || len(sc.People) > MaxPeople {
		return nil, fmt.Errorf("%w: need one or two people", ErrBadScenario)
	}
	if sc.HorizonYears < 1 {
		return nil, fmt.Errorf("%w: horizon_years must be at least 1", ErrBadScenario)
	}
	g := sc.Assumptions.GrowthRate
	if math.IsNaN(g) || g < -1 || g > 10 {
		return nil, fmt.Errorf("%w: growth_rate %v out of range", ErrBadScenario, g)
	}
	s := &State{
		Year: sc.StartYear, StartYear: sc.StartYear, Horizon: sc.HorizonYears,
		NPeople: len(sc.People), Cash: sc.Cash,
		growthPPM: int64(math.Round(g * 1e6)),
	}
	if s.Cash < 0 {
		return nil, fmt.Errorf("%w: negative cash", ErrBadScenario)
	}
	for i := range sc.People {
		sp := &sc.People[i]
		p := &s.People[i]
		p.ID = sp.ID
		p.BirthYear, p.BirthMonth = birth(sp)
		p.Separated = sp.SeparatedFromService
		for j := range sc.People[i].Accounts {
			a := &sp.Accounts[j]
			if err := checkAccount(a); err != nil {
				return nil, err
			}
			ref := AccountRef{Kind: a.Kind, Person: i, Plan: -1}
			switch {
			case a.Kind == scenario.KindTraditionalIRA:
				if p.IRAID == "" {
					p.IRAID = a.ID
				}
				p.IRA += a.Balance
				p.Basis += a.Basis
			case a.Kind == scenario.KindRothIRA:
				if p.RothID == "" {
					p.RothID = a.ID
				}
				p.Roth += a.Balance
			case a.Kind.IsPlan():
				ref.Plan = len(s.Plans)
				s.Plans = append(s.Plans, newPlan(a, i, sp.SeparatedFromService))
			default:
				return nil, fmt.Errorf("%w: %s: unknown kind %q", ErrBadScenario, a.ID, a.Kind)
			}
			s.ids = append(s.ids, accountID{a.ID, ref})
		}
		if p.IRAID == "" {
			p.IRAID = p.ID + "-ira"
			s.ids = append(s.ids, accountID{p.IRAID, AccountRef{scenario.KindTraditionalIRA, i, -1}})
		}
		if p.RothID == "" {
			p.RothID = p.ID + "-roth-ira"
			s.ids = append(s.ids, accountID{p.RothID, AccountRef{scenario.KindRothIRA, i, -1}})
		}
	}
	return s, nil
}

func checkAccount(a *scenario.Account) error {
	for _, v := range [...]money.Cents{a.Pretax, a.AfterTaxContributions, a.AfterTaxEarnings,
		a.Pre1987AfterTax, a.DesignatedRoth, a.Balance, a.Basis} {
		if v < 0 || v > money.MaxAmount {
			return fmt.Errorf("%w: %s: amount out of range", ErrBadScenario, a.ID)
		}
	}
	if a.Basis > a.Balance {
		return fmt.Errorf("%w: %s: basis exceeds balance", ErrBadScenario, a.ID)
	}
	return nil
}

func newPlan(a *scenario.Account, person int, separated bool) Plan {
	p := Plan{
		ID: a.ID, Person: person, Kind: a.Kind,
		Pretax: a.Pretax, AfterTax: a.AfterTaxContributions, Earnings: a.AfterTaxEarnings,
		Pre1987: a.Pre1987AfterTax, Roth: a.DesignatedRoth,
		SeparateAfterTax: a.SeparateAfterTaxAccount, Separated: separated,
		InPlanRoth: a.AllowsInPlanRothRollover, AcceptsRollIn: a.AcceptsIRARollIn,
	}
	if a.SeparatedFromService != nil {
		p.Separated = *a.SeparatedFromService
	}
	for _, src := range a.InServiceSources {
		switch src {
		case scenario.SourceAfterTax:
			p.InServiceAfter = true
		case scenario.SourcePretax:
			p.InServicePretax = true
		case scenario.SourceRoth:
			p.InServiceRoth = true
		}
	}
	return p
}

// CopyTo makes dst an independent copy of s, reusing dst's plan slice: once
// dst has been sized it allocates nothing.
func (s *State) CopyTo(dst *State) {
	plans := dst.Plans
	*dst = *s
	dst.Plans = append(plans[:0], s.Plans...)
}

// Lookup returns what an account id names (done once, outside the hot loop).
// The ids "<person>-ira" and "<person>-roth-ira" of accounts created on
// demand are known too.
func (s *State) Lookup(id string) (AccountRef, bool) {
	for _, a := range s.ids {
		if a.id == id {
			return a.ref, true
		}
	}
	return AccountRef{}, false
}

// PlanIndex returns the index of the plan with the given id.
func (s *State) PlanIndex(id string) (int, bool) {
	r, ok := s.Lookup(id)
	if !ok || r.Plan < 0 {
		return -1, false
	}
	return r.Plan, true
}

// PersonIndex returns the index of the person with the given id.
func (s *State) PersonIndex(id string) (int, bool) {
	for i := 0; i < s.NPeople; i++ {
		if s.People[i].ID == id {
			return i, true
		}
	}
	return -1, false
}

// Is59Half reports whether person i is 59½ by December 31 of year.
func (s *State) Is59Half(i, year int) bool {
	p := &s.People[i]
	return reaches59HalfBy(p.BirthYear, p.BirthMonth, year)
}

// BasisLeft is the after-tax money still outside Roth accounts: IRA basis
// plus plan after-tax contributions and pre-1987 money. Read it after
// CloseYear (during a year, IRA basis used by conversions is not yet known).
func (s *State) BasisLeft() money.Cents {
	var b money.Cents
	for i := 0; i < s.NPeople; i++ {
		b += s.People[i].Basis + s.People[i].AfterTaxIn + s.People[i].Contributions
	}
	for i := range s.Plans {
		b += s.Plans[i].AfterTax + s.Plans[i].Pre1987
	}
	return b
}

// Money returns every dollar the household holds or has had withheld: the
// quantity moves conserve (growth aside).
func (s *State) Money() money.Cents {
	t := s.Cash + s.Withheld + s.PaidOut
	for i := 0; i < s.NPeople; i++ {
		t += s.People[i].IRA + s.People[i].Roth
	}
	for i := range s.Plans {
		t += s.Plans[i].Total()
	}
	return t
}

// NumPeople returns how many people the household has (1 or 2).
func (s *State) NumPeople() int { return s.NPeople }

// NumPlans returns how many employer plans the household has.
func (s *State) NumPlans() int { return len(s.Plans) }

// OpenYear returns the tax year moves are made in now.
func (s *State) OpenYear() int { return s.Year }

// PersonID returns person k's id.
func (s *State) PersonID(k int) string { return s.People[k].ID }

// IRAID returns the id that names person k's traditional IRAs in steps.
func (s *State) IRAID(k int) string { return s.People[k].IRAID }

// RothID returns the id of person k's Roth IRA (one created on demand if
// the scenario lists none).
func (s *State) RothID(k int) string { return s.People[k].RothID }

// PlanID returns plan i's id.
func (s *State) PlanID(i int) string { return s.Plans[i].ID }

// PlanOwner returns the person whose plan i is.
func (s *State) PlanOwner(i int) int { return s.Plans[i].Person }
