package objective

import (
	"math"

	"github.com/rothpath/optimize/money"
)

// ratePPM converts a rate given as a plain fraction to integer parts per
// million, once (half away from zero), so that money is never multiplied by
// a float64.
func ratePPM(rate float64) int64 { return int64(math.Round(rate * 1e6)) }

// StateTax is the scenario's flat state income tax on the added taxable
// income: added x rate, the rate taken to parts per million, rounded half up
// to the cent (scenario.md, assumptions.state_tax_rate).
func StateTax(rate float64, added money.Cents) money.Cents {
	return stateTaxPPM(ratePPM(rate), added)
}

func stateTaxPPM(ppm int64, added money.Cents) money.Cents {
	return money.MulDiv(added, ppm, 1_000_000)
}

// AdditionalTax is the 10% additional tax on early distributions of IRC
// 72(t)(1) (Form 5329 line 4), on the part of the distribution includible
// in income that no exception covers, rounded half up to the cent.
func AdditionalTax(base money.Cents) money.Cents {
	return money.MulDiv(base, 10, 100)
}
