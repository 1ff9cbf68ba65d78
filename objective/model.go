package objective

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// Errors of NewModel.
var (
	ErrIncomeRange = errors.New("objective: income above the supported $1 billion a year")
	ErrRate        = errors.New("objective: rate out of range")
	ErrNoPeople    = errors.New("objective: scenario has no people")
)

// discountScale is the denominator of the precomputed discount factors.
const discountScale = 1_000_000_000

// Model is one scenario's tax law, resolved once: for every year of the
// horizon its figures, filer, baseline income and baseline tax, and the
// figures of the IRMAA premium year two years later. Its methods allocate
// nothing (except Curve) and are safe for concurrent use.
type Model struct {
	startYear    int
	status       scenario.FilingStatus
	st           int
	statePPM     int64
	irmaaCost    bool
	presentValue bool
	years        []yearModel
}

// yearModel is one horizon year.
type yearModel struct {
	year      int
	p         *YearParams // the tax year
	pIRMAA    *YearParams // premium year year+2
	filer     Filer
	income    Income
	baseExact int64 // baseline federal tax, units
	baseTax   money.Cents
	enrolled  int // people 65+ by the end of the premium year
	baseTier  int
	baseIRMAA money.Cents
	discount  int64       // round(discountScale / (1 + rate)^i)
	maxAdded  money.Cents // MaxIncome less the baseline income: see checkAdded

	// The state income tax of the residence (nil: none modelled, or the
	// flat state_tax_rate overrides it). In the year of a move, states[1]
	// is the state left: the added income is taxed by whichever of the two
	// taxes it more, as if received while resident there (the conservative
	// reading when the scenario does not say when in the year the move and
	// each distribution happen).
	states    [2]*stateYear
	stateBase [2]i128        // exact baseline state tax, fine units
	stateBC   [2]money.Cents // the same, rounded
	stateP    [2]*StateYearParams
	params    *YearParams // p, or a copy whose Projected adds the states' projected figures
}

// NewModel resolves the scenario's law for every year of its horizon. People
// counted on the return are both spouses for married_joint and the first
// person otherwise (married_separate: the filer's own return). A person is
// 65 at year end per scenario.Person.Is65By; a person 65 or older by the end
// of the premium year is taken as enrolled in Medicare Parts B and D for all
// twelve months of it (conservative).
func NewModel(sc *scenario.Scenario) (*Model, error) {
	st, ok := statusIndex(sc.FilingStatus)
	if !ok {
		return nil, fmt.Errorf("%w %q", ErrStatus, sc.FilingStatus)
	}
	if len(sc.People) == 0 {
		return nil, ErrNoPeople
	}
	a := sc.Assumptions
	if a.StateTaxRate < 0 || a.StateTaxRate > 1 {
		return nil, fmt.Errorf("%w: state_tax_rate %v", ErrRate, a.StateTaxRate)
	}
	if a.DiscountRate <= -1 || a.DiscountRate > 10 {
		return nil, fmt.Errorf("%w: discount_rate %v", ErrRate, a.DiscountRate)
	}
	m := &Model{
		startYear:    sc.StartYear,
		status:       sc.FilingStatus,
		st:           st,
		statePPM:     ratePPM(a.StateTaxRate),
		irmaaCost:    sc.Constraints.IRMAA == scenario.IRMAACost,
		presentValue: sc.Objective == scenario.PresentValue,
		years:        make([]yearModel, sc.HorizonYears),
	}
	counted := sc.People[:1]
	if sc.FilingStatus == scenario.MarriedJoint {
		counted = sc.People
	}
	over65 := func(year int) int {
		n := 0
		for _, p := range counted {
			if p.Is65By(year) {
				n++
			}
		}
		return n
	}
	discPPM := ratePPM(a.DiscountRate)
	for i := range m.years {
		y := &m.years[i]
		y.year = sc.StartYear + i
		var err error
		if y.p, err = ParamsFor(y.year, a.Inflation); err != nil {
			return nil, err
		}
		if y.pIRMAA, err = ParamsFor(y.year+2, a.Inflation); err != nil {
			return nil, err
		}
		inc := sc.IncomeFor(y.year)
		y.income = Income{
			Wages: inc.Wages, OtherOrdinary: inc.OtherOrdinary,
			QualifiedDividends: inc.QualifiedDividends, LongTermGains: inc.LongTermGains,
			SocialSecurity: inc.SocialSecurity, ItemizedDeductions: inc.ItemizedDeductions,
		}
		for _, c := range []money.Cents{inc.Wages, inc.OtherOrdinary, inc.QualifiedDividends,
			inc.LongTermGains, inc.SocialSecurity, inc.ItemizedDeductions} {
			if c < 0 || c > MaxIncome {
				return nil, fmt.Errorf("%w: %d income %v", ErrIncomeRange, y.year, c)
			}
		}
		sum := inc.Wages + inc.OtherOrdinary + inc.QualifiedDividends + inc.LongTermGains + inc.SocialSecurity
		if sum > MaxIncome {
			return nil, fmt.Errorf("%w: %d", ErrIncomeRange, y.year)
		}
		y.maxAdded = MaxIncome - sum
		y.filer = Filer{Status: sc.FilingStatus, Over65: over65(y.year)}
		y.enrolled = over65(y.year + 2)
		var w worksheet
		var k kinks
		k.reset()
		w.compute(y.p, st, y.filer, &y.income, lin{s: Unit}, &k)
		y.baseExact = w.total.v
		y.baseTax = roundCents(w.total.v)
		y.baseTier, _ = irmaaTier(&y.pIRMAA.IRMAA[st], w.agi)
		y.baseIRMAA = irmaaAnnual(&y.pIRMAA.IRMAA[st], y.baseTier, y.enrolled)
		if y.discount, ok = discountFactor(discPPM, i); !ok {
			return nil, fmt.Errorf("%w: discount_rate %v over %d years", ErrRate, a.DiscountRate, i)
		}
		y.params = y.p
		if err := m.setStates(sc, y, &w); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// setStates resolves the year's residence (none when the scenario lists no
// residence or a flat state_tax_rate overrides it) and its baseline tax; w
// holds the year's baseline federal worksheet.
func (m *Model) setStates(sc *scenario.Scenario, y *yearModel, w *worksheet) error {
	if m.statePPM != 0 {
		return nil
	}
	state, leaving := sc.ResidenceIn(y.year)
	if state == "" {
		return nil
	}
	var projected []string
	for j, code := range []string{state, leaving} {
		if code == "" {
			continue
		}
		sp, err := StateParamsFor(code, y.year, sc.Assumptions.Inflation)
		if err != nil {
			return err
		}
		y.stateP[j] = sp
		y.states[j] = newStateYear(sp, m.st, sc, y.year, y.p, &y.income)
		var k kinks
		k.reset()
		v := y.states[j].tax(w, &y.income, lin{s: Unit}, &k).v
		y.stateBase[j], y.stateBC[j] = v, roundFine(v)
		projected = append(projected, sp.Projected...)
	}
	if len(projected) > 0 {
		cp := *y.p
		cp.Projected = append(append([]string(nil), y.p.Projected...), projected...)
		y.params = &cp
	}
	return nil
}

// discountFactor returns round(discountScale / (1 + ppm/1e6)^i), exactly,
// or false when the factor is above maxDiscountFactor.
func discountFactor(ppm int64, i int) (int64, bool) {
	num := new(big.Int).Exp(big.NewInt(1_000_000), big.NewInt(int64(i)), nil)
	num.Mul(num, big.NewInt(discountScale))
	den := new(big.Int).Exp(big.NewInt(1_000_000+ppm), big.NewInt(int64(i)), nil)
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	if r.Mul(r, big.NewInt(2)).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if q.Cmp(big.NewInt(maxDiscountFactor)) > 0 {
		return 0, false
	}
	return q.Int64(), true
}

// Years is the number of years in the horizon.
func (m *Model) Years() int { return len(m.years) }

// Year returns the calendar year of horizon index i.
func (m *Model) Year(i int) int { return m.years[i].year }

// Params returns the tax figures of horizon year i.
func (m *Model) Params(i int) *YearParams { return m.years[i].params }

// BaselineTax returns the federal tax of horizon year i without any move.
func (m *Model) BaselineTax(i int) money.Cents { return m.years[i].baseTax }

// MedicareEnrolled returns how many people on the return are 65 or older by
// the end of the premium year that horizon year i's income sets (two years
// later: the lookback of irmaa.go): the people whose premiums IRMAA can
// raise.
func (m *Model) MedicareEnrolled(i int) int { return m.years[i].enrolled }

// Filer returns the filer of horizon year i.
func (m *Model) Filer(i int) Filer { return m.years[i].filer }

// eval computes year i's worksheet with x cents of added ordinary income,
// the state tax, the distance to its next kink, and the IRMAA tier of the
// premium year.
func (m *Model) eval(i int, x money.Cents, w *worksheet, k *kinks) (tier int, tierNext int64) {
	y := &m.years[i]
	m.checkAdded(i, x)
	k.reset()
	xl := lin{v: int64(x) * Unit, s: Unit}
	w.compute(y.p, m.st, y.filer, &y.income, xl, k)
	if y.states[0] != nil {
		y.stateTax(w, xl, k)
	} else {
		w.state = sl{}
	}
	return irmaaTier(&y.pIRMAA.IRMAA[m.st], w.agi)
}

// stateTax sets w.state to the year's exact state tax at the worksheet's
// point less the rounded baseline it is measured against; in the year of a
// move, that of the state whose increase is the larger.
func (y *yearModel) stateTax(w *worksheet, x lin, k *kinks) {
	a := y.states[0].tax(w, &y.income, x, k)
	if y.states[1] == nil {
		w.state = a.sub(fcst(y.stateBC[0]))
		return
	}
	b := y.states[1].tax(w, &y.income, x, k)
	da := a.sub(sl{v: y.stateBase[0]})
	db := b.sub(sl{v: y.stateBase[1]})
	if k.maxS(db, da) == db { // a tie goes to the state left
		w.state = b.sub(fcst(y.stateBC[1]))
	} else {
		w.state = a.sub(fcst(y.stateBC[0]))
	}
}

// Residence returns the postal code of the state whose income tax horizon
// year i bears, and in the year of a move (a part-year) the state left;
// empty when no state is modelled (no residence, or a flat state_tax_rate).
func (m *Model) Residence(i int) (state, leaving string) {
	y := &m.years[i]
	if y.stateP[0] != nil {
		state = y.stateP[0].Code
	}
	if y.stateP[1] != nil {
		leaving = y.stateP[1].Code
	}
	return state, leaving
}

// StateFigures returns the figures of horizon year i's state and of the
// state left that year (nil when none).
func (m *Model) StateFigures(i int) (state, leaving *StateYearParams) {
	return m.years[i].stateP[0], m.years[i].stateP[1]
}

// StateBaseline returns horizon year i's state income tax without any move,
// for its state and for the state left that year (0 when none).
func (m *Model) StateBaseline(i int) (state, leaving money.Cents) {
	return m.years[i].stateBC[0], m.years[i].stateBC[1]
}
