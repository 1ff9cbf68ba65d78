package scenario_test

import (
	"fmt"

	"github.com/rothpath/optimize/scenario"
)

// Parse reads a scenario exactly and names the field and line of any problem.
func ExampleParse() {
	s, err := scenario.Parse([]byte(`
start_year: 2026
filing_status: single
people:
  - id: client
    birth_date: 1963-03-14
    accounts:
      - id: ira
        kind: traditional_ira
        balance: "400000.00"
        basis: 15000
goal:
  convert: 200000
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	p := s.People[0]
	fmt.Println(s.HorizonYears, p.Accounts[0].Balance, p.Accounts[0].Basis, s.TotalConvertible())
	fmt.Println("59½ by 2026:", p.Reaches59HalfBy(2026))

	_, err = scenario.Parse([]byte("start_year: 2026\ngoal:\n  convert: 1.005\n"))
	fmt.Println(err)
	// Output:
	// 1 400000.00 15000.00 400000.00
	// 59½ by 2026: true
	// line 3: goal.convert: amount 1.005 has more than two decimal places (cents)
}
