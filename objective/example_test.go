package objective_test

import (
	"fmt"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/objective"
	"github.com/rothpath/optimize/scenario"
)

// A single filer converts $147,000 in 2026 with no other income (rules.md
// section 1, seed 000): taxable income 130,900 and tax 24,014.
func ExampleTax() {
	p, err := objective.ParamsFor(2026, 0.025)
	if err != nil {
		panic(err)
	}
	b := objective.Tax(p, objective.Filer{Status: scenario.Single},
		objective.Income{OtherOrdinary: money.Dollars(147000)})
	fmt.Println(b.TaxableIncome, b.Total, b.BracketRate)
	// Output: 130900.00 24014.00 0.24
}
