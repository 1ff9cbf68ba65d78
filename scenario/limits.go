package scenario

import (
	"fmt"
	"math"
	"strconv"

	"github.com/rothpath/optimize/money"
)

// Supported ranges, stated once. Validate refuses anything outside them,
// naming the field and its line, so that every scenario it accepts can be
// planned: the tax model's exact arithmetic (objective), the rules' ledger
// and the search stay far inside int64 for any accepted household, and a
// hostile file is refused before it costs much time or memory. Each range is
// wider than any real client book needs; docs/limits.md says why each is
// what it is, and objective's tests check its side of the bargain at each
// edge.
const (
	// FirstTaxYear is the first tax year with published figures, and so the
	// earliest start_year (objective.FirstYear must equal it).
	FirstTaxYear = 2024
	// MaxYear is the last tax year a move may happen in (the horizon's
	// last year); Medicare's IRMAA looks two years further.
	MaxYear = 2100
	// MinYear is the earliest year an income entry may name. Entries before
	// start_year only set the level later years repeat.
	MinYear = 1990
	// MaxHorizon is the longest horizon, in years.
	MaxHorizon = 40
	// MinBirthYear is the earliest birth year.
	MinBirthYear = 1900

	// MaxAmount is the largest amount any one money field may hold.
	MaxAmount money.Cents = 1_000_000_000 * 100
	// MaxHousehold bounds, for every year of the horizon, the year's baseline
	// income plus everything the household holds (every account's balance and
	// cash), grown at growth_rate to that year. A move adds at most what the
	// accounts hold to a year's income, so no year's income with the moves
	// can pass it; the tax model is exact up to this figure (objective
	// .MaxIncome) with room to spare.
	MaxHousehold money.Cents = 1_000_000_000 * 100
	// MaxAccounts is the largest number of accounts one person may list.
	MaxAccounts = 50

	// MaxFileSize caps the input: the largest supported household is a few
	// tens of kilobytes, so anything past 1 MiB is a mistake (or an attack)
	// and is refused before parsing.
	MaxFileSize = 1 << 20
	// MaxStructure caps the structural characters of the input (line
	// breaks and the YAML indicators , [ { - : ?), counted before parsing.
	// Every node of a YAML tree but the root is introduced by at most one
	// such character, and one character introduces at most two nodes, so
	// the tree the parser builds (about 200 bytes a node) stays under about
	// 20 MB however the bytes are arranged. The largest supported household
	// written out with a seven-indicator comment on every line has about
	// 21,000.
	MaxStructure = 50_000
)

// Rate ranges (plain fractions). Rates outside them are refused with the
// range in the message.
const (
	MinDiscountRate = -0.10 // present_value's discount factors stay below 61 over 40 years
	MaxDiscountRate = 1.0
	MinGrowthRate   = -0.5 // growth is also bounded by MaxHousehold
	MaxGrowthRate   = 1.0
	MinInflation    = -0.2
	// MaxInflation keeps every projected figure (bracket tops, IRMAA tiers)
	// of MaxYear+2 under $2 billion, inside what the tax model holds.
	MaxInflation    = 0.10
	MinStateTaxRate = 0.0
	MaxStateTaxRate = 0.2
)

// CountStructure counts the structural characters of data: line breaks
// (\n, \r, and the last bytes of NEL, LS and PS) and the indicators , [ { -
// : ?. It overcounts (characters inside quoted text and comments count
// too), which only makes the bound on the parse safer.
func CountStructure(data []byte) int {
	n := 0
	for _, b := range data {
		switch b {
		case '\n', '\r', ',', '[', '{', '-', ':', '?', 0x85, 0xA8, 0xA9:
			n++
		}
	}
	return n
}

// checkAmount refuses an amount outside 0..MaxAmount.
func (s *Scenario) checkAmount(path string, v money.Cents) error {
	if v < 0 {
		return s.errf(path, "negative amount %s", v)
	}
	if v > MaxAmount {
		return s.errf(path, "%s is above the supported %s", v.Grouped(), MaxAmount.Grouped())
	}
	return nil
}

// amountRef is one money field of the household, for naming the largest.
type amountRef struct {
	path string
	v    money.Cents
}

// holdings lists every balance and the cash, with their paths.
func (s *Scenario) holdings() []amountRef {
	var out []amountRef
	for i, p := range s.People {
		for j, a := range p.Accounts {
			ap := "people[" + strconv.Itoa(i) + "].accounts[" + strconv.Itoa(j) + "]."
			for _, f := range []amountRef{
				{"pretax", a.Pretax}, {"after_tax_contributions", a.AfterTaxContributions},
				{"after_tax_earnings", a.AfterTaxEarnings}, {"pre1987_after_tax", a.Pre1987AfterTax},
				{"designated_roth", a.DesignatedRoth}, {"balance", a.Balance},
			} {
				out = append(out, amountRef{ap + f.path, f.v})
			}
		}
	}
	return append(out, amountRef{"cash", s.Cash})
}

// incomeRefs lists the income amounts of year that count toward
// MaxHousehold, with the path of the entry that sets them ("" when no entry
// does).
func (s *Scenario) incomeRefs(year int) []amountRef {
	idx := -1
	for i, y := range s.Income {
		if i == 0 || y.Year <= year {
			idx = i
		}
		if y.Year >= year {
			break
		}
	}
	if idx < 0 {
		return nil
	}
	y := s.Income[idx]
	ip := "income[" + strconv.Itoa(idx) + "]."
	return []amountRef{
		{ip + "wages", y.Wages}, {ip + "other_ordinary", y.OtherOrdinary},
		{ip + "qualified_dividends", y.QualifiedDividends}, {ip + "long_term_gains", y.LongTermGains},
		{ip + "social_security", y.SocialSecurity},
	}
}

// validateSize checks MaxHousehold for every year of the horizon: the
// year's income plus the household's holdings grown to that year. The
// growth is bounded from above the way rules grows balances (a rate in
// parts per million, each balance rounded to the cent), with a cent of
// rounding per balance each year. Individual amounts were checked against
// MaxAmount already, so the sums below cannot overflow.
func (s *Scenario) validateSize() error {
	held := s.holdings()
	var total money.Cents
	largest := held[len(held)-1]
	nonzero := 0
	for _, h := range held {
		total += h.v
		if h.v > largest.v {
			largest = h
		}
		if h.v > 0 {
			nonzero++
		}
	}
	ppm := int64(math.Round(max(s.Assumptions.GrowthRate, 0) * 1e6))
	grown := total
	for i := 0; i < s.HorizonYears; i++ {
		year := s.StartYear + i
		inc := s.incomeRefs(year)
		sum := grown
		var top amountRef
		for _, r := range inc {
			sum += r.v
			if r.v > top.v {
				top = r
			}
		}
		if sum <= MaxHousehold {
			if ppm > 0 { // the year's growth, rounded up, plus a cent per balance
				grown += money.Cents((int64(grown)*ppm+999_999)/1_000_000) + money.Cents(nonzero)
			}
			continue
		}
		what := fmt.Sprintf("the household's accounts and cash (%s) and its %d income (%s) add up to %s",
			total.Grouped(), year, (sum - grown).Grouped(), sum.Grouped())
		path := largest.path
		switch {
		case i > 0 && grown > total && s.Assumptions.GrowthRate > 0:
			what = fmt.Sprintf("at growth_rate %v the household's accounts and cash (%s) may grow to %s by %d, which with that year's income (%s) is %s",
				s.Assumptions.GrowthRate, total.Grouped(), grown.Grouped(), year, (sum - grown).Grouped(), sum.Grouped())
			path = "assumptions.growth_rate"
		case top.v > largest.v:
			path = top.path
		}
		return s.errf(path, "%s, above the supported %s for a year's income plus everything the household holds",
			what, MaxHousehold.Grouped())
	}
	return nil
}
