package objective

import (
	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/rules"
)

// YearCost is what one year's moves cost: each part is the year's figure with
// the moves minus the figure without them (scenario.md, "total_tax").
type YearCost struct {
	Year    int
	Federal money.Cents // federal income tax with the added income minus the baseline's
	State   money.Cents // state income tax with the added income minus the baseline's (or the flat state_tax_rate on it)
	Penalty money.Cents // 10% additional tax of IRC 72(t)
	// IRMAA is the Medicare surcharge of premium year Year+2 caused by the
	// added income, when the scenario counts IRMAA as a cost (irmaa: cost).
	IRMAA money.Cents
	Total money.Cents // Federal + State + Penalty + IRMAA
	// Discounted is Total / (1 + discount_rate)^i for the present_value
	// objective (i years after the start), else Total.
	Discounted money.Cents
	// MarginalRate is the federal and state tax on the next added dollar
	// (exact slope).
	MarginalRate float64
}

// YearCost returns the cost of adding added ordinary income, of which
// penaltyBase bears the 10% additional tax, to horizon year i. It allocates
// nothing.
func (m *Model) YearCost(i int, added, penaltyBase money.Cents) YearCost {
	var w worksheet
	var k kinks
	y := &m.years[i]
	tier, _ := m.eval(i, added, &w, &k)
	c := YearCost{
		Year:         y.year,
		Federal:      roundCents(w.total.v) - y.baseTax,
		State:        stateTaxPPM(m.statePPM, added) + roundUpFine(w.state.v),
		Penalty:      AdditionalTax(penaltyBase),
		MarginalRate: float64(w.total.s+m.statePPM*(Unit/1_000_000)) / Unit,
	}
	if w.state.s != 0 {
		c.MarginalRate += float64(w.state.s) / fineUnit
	}
	if m.irmaaCost {
		c.IRMAA = irmaaAnnual(&y.pIRMAA.IRMAA[m.st], tier, y.enrolled) - y.baseIRMAA
	}
	c.Total = c.Federal + c.State + c.Penalty + c.IRMAA
	c.Discounted = m.discount(i, c.Total)
	return c
}

// Discount returns a year-i cost as the objective counts it: discounted to
// the start year when the objective is present_value, else unchanged. With
// Curve.At it gives YearCost(i, x, p).Discounted without recomputing the tax.
func (m *Model) Discount(i int, total money.Cents) money.Cents { return m.discount(i, total) }

// DiscountRatio returns year i's discount factor as num/den: Discount(i, x)
// is x × num / den rounded half-up to the cent (1/1 for total_tax).
func (m *Model) DiscountRatio(i int) (num, den int64) {
	if !m.presentValue {
		return 1, 1
	}
	return m.years[i].discount, discountScale
}

func (m *Model) discount(i int, total money.Cents) money.Cents {
	if !m.presentValue {
		return total
	}
	return money.MulDiv(total, m.years[i].discount, discountScale)
}

// Cost is the cost of a ledger: sums over its years, and each year's detail.
type Cost struct {
	Federal, State, Penalty, IRMAA, Total money.Cents
	// PresentValue is the sum of the years' Discounted (= Total unless the
	// objective is present_value).
	PresentValue money.Cents
	Years        []YearCost
}

// Cost returns the cost of the ledger's moves: the sum over its years of
// YearCost with each year's AddedOrdinary and PenaltyBase.
func (m *Model) Cost(l *rules.Ledger) Cost {
	var c Cost
	m.CostInto(l, &c)
	return c
}

// CostInto is Cost writing into dst, reusing dst.Years; it allocates nothing
// once dst.Years has room for the ledger's years. A ledger year outside the
// model's horizon is a programming error and panics.
func (m *Model) CostInto(l *rules.Ledger, dst *Cost) {
	years := dst.Years[:0]
	*dst = Cost{}
	for _, yr := range l.Years {
		i := yr.Year - m.startYear
		if i < 0 || i >= len(m.years) {
			panic("objective: ledger year outside the model's horizon")
		}
		c := m.YearCost(i, yr.AddedOrdinary, yr.PenaltyBase)
		dst.Federal += c.Federal
		dst.State += c.State
		dst.Penalty += c.Penalty
		dst.IRMAA += c.IRMAA
		dst.Total += c.Total
		dst.PresentValue += c.Discounted
		years = append(years, c)
	}
	dst.Years = years
}
