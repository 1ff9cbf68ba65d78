package money_test

import (
	"fmt"

	"github.com/rothpath/optimize/money"
)

// Form 8606 for the seed-000 IRA: $15,000 basis, $400,000 total, $150,000
// converted: line 10 and the nontaxable part (line 11).
func ExampleRatioOf() {
	line10 := money.RatioOf(money.Dollars(15000), money.Dollars(400000))
	fmt.Println(line10, line10.Apply(money.Dollars(150000)))
	// Output: 0.03750 5625.00
}
