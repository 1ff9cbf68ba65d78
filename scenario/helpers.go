package scenario

import (
	"fmt"
	"time"

	"github.com/rothpath/optimize/money"
)

// String formats the date as YYYY-MM-DD, the form the scenario file uses.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Valid reports whether the date is a real calendar date (no February 30)
// in years 1..9999.
func (d Date) Valid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return false
	}
	return d.Day <= daysIn(d.Year, d.Month)
}

// daysIn is the number of days of a month, leap years included.
func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// BirthDateOrAssumed returns the birth date, or July 1 of birth_year when
// only the year is known (the spec's rule). July 1 is mid-year and errs on
// the safe side of the 59½ test: anyone born July 1 or later reaches 59½ only
// in the following calendar year, so an unknown birthday never makes a year
// free of the 10% additional tax of IRC 72(t) too early.
func (p Person) BirthDateOrAssumed() Date {
	if !p.BirthDate.IsZero() {
		return p.BirthDate
	}
	return Date{Year: p.BirthYear, Month: 7, Day: 1}
}

// AgeAtEndOf returns the person's age on December 31 of year. Every birthday
// of a year has happened by then, so it is simply the difference of years.
func (p Person) AgeAtEndOf(year int) int {
	return year - p.BirthDateOrAssumed().Year
}

// Reaches59HalfBy reports whether the person is 59½ on or before December 31
// of year, so that distributions that year can escape the 10% additional tax
// (IRC 72(t)(2)(A)(i)). 59½ is the birth date plus 59 years and 6 months; only
// its year matters here, and the six months push it into the next calendar
// year exactly when the person was born in July or later.
func (p Person) Reaches59HalfBy(year int) bool {
	b := p.BirthDateOrAssumed()
	y := b.Year + 59
	if b.Month+6 > 12 {
		y++
	}
	return y <= year
}

// Is65By reports whether the person is 65 or older by December 31 of year,
// for the additional standard deduction, the senior deduction and Medicare.
// The IRS treats a person as 65 on the day before the 65th birthday (Pub. 501,
// "Age"), so someone born on January 1 counts as 65 in the year before the
// 65th birthday.
func (p Person) Is65By(year int) bool {
	b := p.BirthDateOrAssumed()
	turns := b.Year + 65
	if b.Month == 1 && b.Day == 1 {
		turns--
	}
	return turns <= year
}

// IncomeFor returns the baseline income of year. The income list is a
// sequence of levels: a year after the last listed one repeats the last one
// (the spec's rule), a year before the first listed one takes the first (the
// nearest known level), and a year between two listed years takes the latest
// listed year before it. With no list, income is zero. The returned value's
// Year is the year asked for.
func (s *Scenario) IncomeFor(year int) IncomeYear {
	var out IncomeYear
	for i, y := range s.Income {
		if i == 0 || y.Year <= year {
			out = y
		}
		if y.Year >= year {
			break
		}
	}
	out.Year = year
	return out
}

// PlanSeparated reports whether the person is separated from service from the
// employer of plan a: the plan's own override when given, else the person's
// flag. Separation decides whether the whole plan may be distributed.
func (a Account) PlanSeparated(p Person) bool {
	if a.SeparatedFromService != nil {
		return *a.SeparatedFromService
	}
	return p.SeparatedFromService
}

// NonRothBalance is the money in the account that could still become Roth
// money: for a plan, everything but designated Roth (pre-tax, after-tax
// contributions and their earnings, pre-1987 after-tax); for a traditional
// IRA, its balance; for a Roth IRA, nothing.
func (a Account) NonRothBalance() money.Cents {
	switch {
	case a.Kind.IsPlan():
		return satAdd(satAdd(a.Pretax, a.AfterTaxContributions), satAdd(a.AfterTaxEarnings, a.Pre1987AfterTax))
	case a.Kind == KindTraditionalIRA:
		return a.Balance
	}
	return 0
}

// TotalConvertible is the most that could newly become Roth money: the sum of
// NonRothBalance over every account of the household. goal.convert may not
// exceed it. The sum saturates rather than overflowing on absurd input.
func (s *Scenario) TotalConvertible() money.Cents {
	var t money.Cents
	for _, p := range s.People {
		for _, a := range p.Accounts {
			t = satAdd(t, a.NonRothBalance())
		}
	}
	return t
}

// satAdd adds non-negative amounts, saturating at the int64 maximum.
func satAdd(a, b money.Cents) money.Cents {
	const max = money.Cents(1<<63 - 1)
	if b > 0 && a > max-b {
		return max
	}
	return a + b
}

// LastYear is the last tax year in which a move may happen.
func (s *Scenario) LastYear() int { return s.StartYear + s.HorizonYears - 1 }

// ResidenceIn returns the state of residence in year (empty when the
// scenario lists no residence) and, in the year of a move that is not
// marked full_year, the state the household leaves that year.
func (s *Scenario) ResidenceIn(year int) (state, leaving string) {
	for i, r := range s.Residence {
		if i > 0 && r.FromYear > year {
			break
		}
		leaving = ""
		if i > 0 && r.FromYear == year && !r.FullYear {
			leaving = s.Residence[i-1].State
		}
		state = r.State
	}
	return state, leaving
}
