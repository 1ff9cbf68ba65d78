// Package objective is the law of tax for one year, and the cost of a ledger.
//
// Given a year's income components, Tax returns the federal income tax the way
// Form 1040 computes it for the income this project models: taxable Social
// Security (Publication 915, Worksheet 1), the standard or itemized deduction
// (IRC 63), the 2025-2028 deduction for seniors (IRC 151(f), P.L. 119-21 sec.
// 70103), the regular tax with qualified dividends and long-term gains stacked
// on top of ordinary income (Qualified Dividends and Capital Gain Tax
// Worksheet) and the net investment income tax (IRC 1411, Form 8960). IRMAA
// (Medicare surcharges two years later), the state income tax of the
// household's residence (or a flat state_tax_rate that overrides it) and the
// 10% additional tax of IRC 72(t) complete the cost of a year.
//
// A state's tax (statecalc.go) follows its own return from its starting
// point (federal AGI, federal taxable income or its own gross income):
// Social Security subtracted in whole or part, its retirement exclusion of
// IRA and plan distributions and conversions (by age, amount, share or AGI),
// its deductions, exemptions and their phase-outs, its rate schedule, its
// credits. The figures live in params/states/<code>/, one file per figure,
// dated and cited as the federal ones; StateParamsFor resolves them.
//
// Every intermediate line is carried exactly, in units of 1/Unit of a cent,
// and only the resulting tax is rounded (half up) to the cent. A paper return
// rounds some worksheet lines to the cent or the dollar; carrying them exactly
// differs from it by at most a few cents, and makes the tax an exact
// piecewise-linear function of added income, which Curve exploits.
//
// The tax is the formula tax (the Tax Computation Worksheet), not the Tax
// Table's $50 bands for taxable income under $100,000.
//
// The federal figures live in params/*.yaml, one file per parameter, with
// effective dates, units and references; ParamsFor resolves them for a year
// and projects years after the last published one by the statute's indexing.
package objective
