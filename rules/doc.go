// Package rules knows the law of the moves that put money into Roth accounts
// and nothing about tax brackets: what each move does to balances and basis
// (Form 8606; IRS Notices 2014-54, 2009-68, 2010-84, 2013-74; IRC 72(e)(8),
// 72(d)(2), 72(t), 402(c)(2), 402A(c)(4), 408(d)(3)(A)(ii), 3405(c)).
//
// Build a State once with NewState, copy it per candidate with CopyTo, apply
// Moves with Apply (or a whole strategy with Run) and close each year with
// CloseYear, which fills a YearResult with the added ordinary income, the
// penalty base, withholding, cash used, the amount converted and each
// person's Form 8606. The hot path allocates nothing.
//
// Choices where the law or the brief is silent (each also noted where it is
// coded):
//   - A year's moves are taken at its December 31 valuation (Form 8606 line
//     6 is the value right after them); balances grow between one valuation
//     and the next year's moves. Line 9 then does not depend on the amount
//     converted, which the search's exact fill relies on.
//   - After-tax plan money rolled into a traditional IRA is added to line 2
//     of the rollover year (Instructions for Form 8606, line 2).
//   - 59½ is tested against December 31 of the move's year; when it is
//     reached during that year the Effect carries ReqAge59Half (carry the step
//     out after the date). The age-55 separation exception of 72(t)(2)(A)(v)
//     is never applied: the scenario has no separation year.
//   - In service, pre-tax and designated Roth money (elective deferrals) and
//     any governmental 457(b) money need 59½ besides the plan's
//     in_service_sources.
//   - In a split rollover with a cash leg, pre-tax money not placed in the
//     traditional destination goes to the cash paid out before the Roth IRA
//     (withheld on and exposed to the 10%: the conservative order).
//   - A governmental 457(b) distribution is taken to come first from money
//     rolled in from other plans or IRAs (the only money 72(t) reaches there).
//   - Form 8606 line 10 is rounded half-up to five decimals; lines 11 and 12
//     are capped so that line 13 never passes line 3.
//   - A full distribution to a person who has left the employer closes the
//     plan account: nothing can be rolled into it afterwards (the
//     conservative reading; plans differ).
//   - Conversions of 2010 (income spread over 2011 and 2012) are not modelled.
package rules
