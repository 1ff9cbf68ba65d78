package rules

import "github.com/rothpath/optimize/money"

// MaxPeople is the most people a household has (a married couple).
const MaxPeople = 2

// Form8606 holds one person's Form 8606 Parts I and II for one year, as
// shared/spec/rules.md section 1 lays them out. Lines 4-5 are always zero
// in this model (no contributions made next year for this year), so line 5
// equals line 3. Line 10 is rounded half-up to five decimals (the form asks
// for at least three; this project fixes five and says so in its output).
type Form8606 struct {
	Filed  bool // false when the person had no IRA basis, distribution or conversion
	Line1  money.Cents
	Line2  money.Cents
	Line3  money.Cents
	Line5  money.Cents
	Line6  money.Cents
	Line7  money.Cents
	Line8  money.Cents
	Line9  money.Cents
	Line10 money.Ratio
	Line11 money.Cents
	Line12 money.Cents
	Line13 money.Cents
	Line14 money.Cents
	Line15 money.Cents // taxable IRA distributions (line 7 - line 12)
	Line16 money.Cents
	Line17 money.Cents
	Line18 money.Cents
}

// YearResult is what one tax year's moves did, in the terms the tax objective
// needs (added income and penalties) and the report shows (Form 8606, goal).
// Every field is a total over the household for the year.
type YearResult struct {
	Year int

	// AddedOrdinary is the ordinary income the moves add: taxable
	// conversions (Form 8606 line 18), taxable IRA distributions (line 15),
	// taxable plan distributions not rolled over, taxable in-plan Roth
	// rollovers.
	AddedOrdinary money.Cents
	// PenaltyBase is the part of AddedOrdinary subject to the 10% additional
	// tax of IRC 72(t) (early distributions not rolled over, no exception).
	PenaltyBase money.Cents
	// Withheld is federal income tax withheld under IRC 3405(c): a credit
	// on the year's return, not a cost.
	Withheld money.Cents
	// CashUsed is household cash spent during the year to make up withholding
	// for 60-day rollovers.
	CashUsed money.Cents
	// Converted counts toward the goal: amounts newly made Roth (conversions
	// and in-plan Roth rollovers, gross) plus after-tax basis sent to Roth.
	Converted money.Cents
	// BasisToRoth is the nontaxable part of Converted.
	BasisToRoth money.Cents
	// DesignatedRothRolled is designated Roth money moved to a Roth IRA
	// (reported; not a conversion; not in Converted).
	DesignatedRothRolled money.Cents
	// Growth is the year's growth of all balances (assumptions.growth_rate),
	// applied at year end before the December 31 valuation (line 6).
	Growth money.Cents

	Form8606 [MaxPeople]Form8606
}

// Ledger is the result of applying a sequence of moves over the horizon:
// one YearResult per year from the start year, in order, and the end state's
// basis left outside Roth accounts.
type Ledger struct {
	Years     []YearResult
	BasisLeft money.Cents // IRA basis + plan after-tax contributions + pre-1987, at the end
}
