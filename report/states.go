package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/objective"
	"github.com/rothpath/optimize/scenario"
)

// WriteStatesTable writes docs/states.md: for every state and DC, its
// figures of year as the parameter data holds them (a summary table, then
// each state's schedules and sources). Years after the published figures
// show the projected ones, marked so.
func WriteStatesTable(w io.Writer, year int, inflation float64) error {
	ew := &errWriter{w: w}
	ew.printf("# State income tax, %d\n\n", year)
	ew.printf("Generated from `objective/params/states/` by `go test ./report -run TestStatesTable -update`;\n")
	ew.printf("do not edit by hand. Rates and amounts are those of %d for a single filer (and married filing\n", year)
	ew.printf("jointly in each state's section). \"Conversions\" is how the state treats IRA and plan\n")
	ew.printf("distributions and Roth conversions: the income the moves add. Local income taxes are out of\n")
	ew.printf("scope and named where they exist.\n\n")
	type row struct {
		code string
		sp   *objective.StateYearParams
	}
	var rows []row
	var missing []string
	for _, code := range scenario.StateCodes {
		sp, err := objective.StateParamsFor(code, year, inflation)
		if err != nil {
			missing = append(missing, code)
			continue
		}
		rows = append(rows, row{code, sp})
	}
	ew.printf("| | State | Starts from | Rates (single) | Conversions and retirement income | Social Security |\n")
	ew.printf("|---|---|---|---|---|---|\n")
	for _, r := range rows {
		sp := r.sp
		if !sp.IncomeTax {
			ew.printf("| %s | %s | — | none | %s | %s |\n", r.code, sp.Name, cell(sp.Retirement), cell(sp.SocialSecurity))
			continue
		}
		ew.printf("| %s | [%s](#%s) | %s | %s | %s | %s |\n", r.code, sp.Name, anchor(sp.Name), sp.Start, rateSpan(&sp.Brackets[0]),
			cell(sp.Retirement), cell(sp.SocialSecurity))
	}
	if len(missing) > 0 {
		ew.printf("\nNot yet modelled: %s.\n", strings.Join(missing, ", "))
	}
	for _, r := range rows {
		sp := r.sp
		if !sp.IncomeTax {
			continue
		}
		ew.printf("\n## %s\n\n", sp.Name)
		ew.printf("Starts from %s. %s Social Security: %s\n", sp.Start, sp.Retirement, sp.SocialSecurity)
		if sp.LocalTaxes != "" {
			ew.printf("\nLocal taxes (not modelled): %s\n", sp.LocalTaxes)
		}
		for _, st := range []int{0, 1} {
			ew.printf("\n%s:\n\n", []string{"Single", "Married filing jointly"}[st])
			ew.printf("| Taxable income over | Tax at start | Rate |\n|---:|---:|---:|\n")
			s := &sp.Brackets[st]
			from := money.Cents(0)
			for k := 0; k < s.N; k++ {
				ew.printf("| %s | %s | %s |\n", from.Grouped(), s.TaxAt(k).Grouped(), ratePercent(s.Rate[k]))
				if k < s.N-1 {
					from = s.Top[k]
				}
			}
			if amounts := amountsLine(sp, st); amounts != "" {
				ew.printf("\n%s\n", amounts)
			}
		}
		for _, n := range sp.Notes {
			ew.printf("\n- %s", n)
		}
		if len(sp.Notes) > 0 {
			ew.printf("\n")
		}
		ew.printf("\nSources: %s.\n", strings.Join(sp.Sources, "; "))
		if len(sp.References) > 0 {
			ew.printf("\nEach figure, its law and its source (the value in effect for %d, from the year shown):\n\n", year)
			for _, f := range sp.References {
				ew.printf("- `%s`: %s %s. %d: %s.\n", f.Name, strings.TrimSuffix(f.Description, "."), "("+f.Statute+")", f.From, strings.TrimSuffix(f.Reference, "."))
			}
		}
		if len(sp.Projected) > 0 {
			ew.printf("\nProjected (not published for %d): %s.\n", year, strings.Join(sp.Projected, "; "))
		}
	}
	return ew.err
}

// amountsLine lists a status's deductions, exemptions, credits and
// exclusions.
func amountsLine(sp *objective.StateYearParams, st int) string {
	var parts []string
	add := func(name string, v money.Cents) {
		if v != 0 {
			parts = append(parts, name+" "+v.Grouped())
		}
	}
	if sp.StandardFederal {
		parts = append(parts, "the federal standard deduction")
	}
	add("standard deduction", sp.StandardDeduction[st])
	add("more per person 65+", sp.StandardAged[st])
	add("exemptions", sp.Exemption[st])
	add("exemption per person 65+", sp.ExemptionAged[st])
	add("credits", sp.Credit[st])
	add("credit per person 65+", sp.CreditAged[st])
	for _, t := range sp.AgeDeduction[st] {
		add(fmt.Sprintf("age deduction per person from %s", years(t.AgeMonths)), t.Amount)
	}
	for _, t := range sp.RetirementTiers[st] {
		amt := "all of it"
		if t.Amount != objective.Unlimited {
			amt = t.Amount.Grouped()
		}
		from := "at any age"
		if t.AgeMonths > 0 {
			from = "from " + years(t.AgeMonths)
		}
		parts = append(parts, fmt.Sprintf("retirement exclusion per person %s: %s", from, amt))
	}
	if len(parts) == 0 {
		return ""
	}
	s := strings.Join(parts, "; ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func rateSpan(s *objective.StateSchedule) string {
	if s.N == 1 {
		return ratePercent(s.Rate[0]) + " flat"
	}
	return fmt.Sprintf("%s to %s (%d brackets)", ratePercent(s.Rate[0]), ratePercent(s.Rate[s.N-1]), s.N)
}

// ratePercent formats a state rate (1/objective.RateScale): 5525 -> "5.525%".
func ratePercent(r int64) string {
	s := fmt.Sprintf("%d.%03d", r/1000, r%1000)
	return strings.TrimRight(strings.TrimRight(s, "0"), ".") + "%"
}

func years(months int64) string {
	s := fmt.Sprint(months / 12)
	if months%12 == 6 {
		s += "½"
	}
	return s
}

func cell(s string) string { return strings.ReplaceAll(s, "|", "\\|") }

func anchor(name string) string { return strings.ToLower(strings.ReplaceAll(name, " ", "-")) }
