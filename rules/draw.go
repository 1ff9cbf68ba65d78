package rules

import (
	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

const kind457 = scenario.KindGovernmental457

// parts is how a plan distribution divides among the plan's sources.
type parts struct {
	afterTax money.Cents // after-tax contributions (basis)
	earnings money.Cents // earnings on after-tax contributions (pre-tax)
	pretax   money.Cents // other pre-tax money
	pre1987  money.Cents // pre-1987 after-tax contributions (basis)
}

func (p parts) basis() money.Cents   { return p.afterTax + p.pre1987 }
func (p parts) taxable() money.Cents { return p.earnings + p.pretax }

// drawNonRoth divides amount drawn from the plan's non-Roth money. The
// after-tax part is amount × after-tax contributions / non-Roth balance
// (IRC 72(e)(8)); the pre-tax rest is divided between pre-tax money and
// after-tax earnings in proportion. Pre-1987 money is separately accounted
// (IRC 72(e)(8)(D)) and enters only a whole distribution (withPre1987). Each
// part is at most its source: a share of amount <= balance rounded half-up
// never passes the source it is a share of.
func drawNonRoth(pl *Plan, amount money.Cents, withPre1987 bool) parts {
	var d parts
	if withPre1987 {
		d.pre1987 = pl.Pre1987
		amount -= pl.Pre1987
	}
	d.afterTax = money.ProRata(amount, pl.AfterTax, pl.NonRoth())
	rest := amount - d.afterTax
	d.earnings = money.ProRata(rest, pl.Earnings, pl.Earnings+pl.Pretax)
	d.pretax = rest - d.earnings
	return d
}

// drawSubaccount divides amount drawn from the separately accounted after-tax
// subaccount (contributions and their earnings only, IRC 72(d)(2)).
func drawSubaccount(pl *Plan, amount money.Cents) parts {
	var d parts
	d.afterTax = money.ProRata(amount, pl.AfterTax, pl.AfterTax+pl.Earnings)
	d.earnings = amount - d.afterTax
	return d
}

// take removes the parts from the plan. Money rolled in from other plans or
// IRAs is taken as leaving first (conservative for a governmental 457(b),
// where only that money is reached by IRC 72(t)); it returns how much of it.
func take(pl *Plan, d parts) (rolledIn money.Cents) {
	pl.AfterTax -= d.afterTax
	pl.Earnings -= d.earnings
	pl.Pretax -= d.pretax
	pl.Pre1987 -= d.pre1987
	rolledIn = money.Min(pl.RolledIn, d.taxable())
	pl.RolledIn -= rolledIn
	if pl.RolledIn > pl.Pretax+pl.Earnings {
		pl.RolledIn = pl.Pretax + pl.Earnings
	}
	return rolledIn
}

// penaltyBase is the part of taxable income kept by person i subject to the
// 10% additional tax (IRC 72(t)): all of it before 59½, except that a
// governmental 457(b) is outside 72(t) but for money rolled in from other
// plans or IRAs (IRC 72(t)(9)).
func (s *State) penaltyBase(pl *Plan, year int, kept, rolledIn money.Cents, e *Effect) money.Cents {
	if kept <= 0 || !s.early(pl.Person, year, e) {
		return 0
	}
	if pl.Kind == kind457 {
		return money.Min(kept, rolledIn)
	}
	return kept
}

// closeIfEmptied marks the plan closed once a distribution to a person who
// has left the employer leaves it holding nothing: the account no longer
// exists, so nothing can be rolled into it later. The law does not say so in
// terms; plans close the account of a separated participant paid in full,
// and this is the conservative reading (a strategy never relies on the
// account staying open). Whether the distribution was asked for as "the
// whole balance" or as an amount that happens to be all of it makes no
// difference.
func closeIfEmptied(pl *Plan) {
	if pl.Separated && pl.Total() == 0 {
		pl.Closed = true
	}
}
