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
	}
	return m, nil
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
func (m *Model) Params(i int) *YearParams { return m.years[i].p }

// BaselineTax returns the federal tax of horizon year i without any move.
func (m *Model) BaselineTax(i int) money.Cents { return m.years[i].baseTax }

// Filer returns the filer of horizon year i.
func (m *Model) Filer(i int) Filer { return m.years[i].filer }

// eval computes year i's worksheet with x cents of added ordinary income,
// the distance to its next kink, and the IRMAA tier of the premium year.
func (m *Model) eval(i int, x money.Cents, w *worksheet, k *kinks) (tier int, tierNext int64) {
	y := &m.years[i]
	m.checkAdded(i, x)
	k.reset()
	w.compute(y.p, m.st, y.filer, &y.income, lin{v: int64(x) * Unit, s: Unit}, k)
	return irmaaTier(&y.pIRMAA.IRMAA[m.st], w.agi)
}
