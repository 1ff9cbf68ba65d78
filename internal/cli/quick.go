package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/scenario"
)

// quickCmd is `optimize quick`: the one-person case from flags.
type quickCmd struct {
	env    *env
	search searchFlags
	output outputFlags
	client clientFlags

	age, birthYear, years, startYear int
	status, planKind                 string
	separated, afterTaxSeparate      bool
	planPretax, planAfterTax         string
	planAfterTaxEarnings             string
	ira, iraBasis, income, goal      string
	cash                             string
}

func newQuickCmd(e *env) *cobra.Command {
	c := &quickCmd{env: e}
	cmd := &cobra.Command{
		Use:   "quick",
		Short: "Plan for one person described by flags, without a scenario file",
		Example: "  optimize quick --age 63 --plan-pretax 350000 --plan-after-tax 50000 \\\n" +
			"      --ira 400000 --ira-basis 15000 --goal 200000",
		Args: exactArgs(0),
		RunE: c.run,
	}
	f := cmd.Flags()
	f.IntVar(&c.age, "age", 0, "age at the end of the start year (or give --birth-year)")
	f.IntVar(&c.birthYear, "birth-year", 0, "year of birth (July 1 is assumed)")
	f.StringVar(&c.status, "status", "single", "filing status: single|married_separate|head_of_household")
	f.StringVar(&c.planKind, "plan-kind", "401k", "employer plan kind: 401k|403b|governmental_457b")
	f.StringVar(&c.planPretax, "plan-pretax", "0", "employer plan pre-tax money (dollars)")
	f.StringVar(&c.planAfterTax, "plan-after-tax", "0", "employer plan after-tax contributions: basis (dollars)")
	f.StringVar(&c.planAfterTaxEarnings, "plan-after-tax-earnings", "0", "earnings on the after-tax contributions (dollars)")
	f.BoolVar(&c.afterTaxSeparate, "plan-after-tax-separate", false, "the plan accounts for after-tax money as its own subaccount")
	f.BoolVar(&c.separated, "separated", true, "separated from service from the plan's employer")
	f.StringVar(&c.ira, "ira", "0", "traditional IRA balance (dollars)")
	f.StringVar(&c.iraBasis, "ira-basis", "0", "traditional IRA basis, Form 8606 line 14 of last year (dollars)")
	f.StringVar(&c.income, "income", "0", "other ordinary income each year (dollars)")
	f.StringVar(&c.cash, "cash", "0", "cash outside retirement accounts (dollars)")
	f.StringVar(&c.goal, "goal", "", "dollars to move into Roth accounts (required)")
	f.IntVar(&c.years, "years", 1, "horizon in years")
	f.IntVar(&c.startYear, "start-year", 2026, "first tax year a move may happen in")
	c.search.register(cmd, true)
	c.output.register(cmd, "table", planFormats)
	c.client.register(cmd)
	return cmd
}

func (c *quickCmd) run(cmd *cobra.Command, _ []string) error {
	format, err := c.output.parse()
	if err != nil {
		return err
	}
	set, err := c.search.settings(true)
	if err != nil {
		return err
	}
	sc, err := c.scenario(cmd.Flags().Changed("age"), cmd.Flags().Changed("birth-year"))
	if err != nil {
		return err
	}
	if err := c.output.check(nil, c.env.stdin, c.env.stdout); err != nil {
		return err
	}
	ctx, cancel := withTimeLimit(cmd.Context(), set)
	defer cancel()
	return solve(ctx, c.env, sc, set, format, &c.output, c.search.stats, c.client)
}

// scenario builds and validates the household the flags describe; age and
// birth say which of --age and --birth-year were given.
func (c *quickCmd) scenario(age, birth bool) (*scenario.Scenario, error) {
	amounts := map[string]money.Cents{}
	for _, f := range []struct{ name, value string }{
		{"plan-pretax", c.planPretax}, {"plan-after-tax", c.planAfterTax}, {"plan-after-tax-earnings", c.planAfterTaxEarnings},
		{"ira", c.ira}, {"ira-basis", c.iraBasis}, {"income", c.income}, {"cash", c.cash}, {"goal", c.goal},
	} {
		if f.name == "goal" && f.value == "" {
			return nil, badInput(errors.New("--goal: required: dollars to move into Roth accounts"))
		}
		v, err := money.Parse(f.value)
		if err != nil {
			return nil, badInput(fmt.Errorf("--%s: %q: %w", f.name, f.value, err))
		}
		amounts[f.name] = v
	}
	born := c.birthYear
	switch {
	case age && birth:
		return nil, badInput(errors.New("--age and --birth-year: give one, not both"))
	case age:
		if c.age < 0 || c.age > c.startYear-scenario.MinBirthYear {
			return nil, badInput(fmt.Errorf("--age: %d is outside 0..%d", c.age, c.startYear-scenario.MinBirthYear))
		}
		born = c.startYear - c.age
	case !birth:
		return nil, badInput(errors.New("--age or --birth-year: required"))
	}
	person := scenario.Person{ID: "client", BirthYear: born, SeparatedFromService: c.separated}
	if amounts["plan-pretax"]+amounts["plan-after-tax"]+amounts["plan-after-tax-earnings"] > 0 {
		person.Accounts = append(person.Accounts, scenario.Account{
			ID: "plan", Kind: scenario.AccountKind(c.planKind),
			Pretax: amounts["plan-pretax"], AfterTaxContributions: amounts["plan-after-tax"],
			AfterTaxEarnings: amounts["plan-after-tax-earnings"], SeparateAfterTaxAccount: c.afterTaxSeparate,
		})
	}
	if amounts["ira"]+amounts["ira-basis"] > 0 {
		person.Accounts = append(person.Accounts, scenario.Account{
			ID: "ira", Kind: scenario.KindTraditionalIRA, Balance: amounts["ira"], Basis: amounts["ira-basis"],
		})
	}
	sc := &scenario.Scenario{
		Name:         fmt.Sprintf("quick: born %d, %s, %d", born, c.status, c.startYear),
		StartYear:    c.startYear,
		HorizonYears: c.years,
		FilingStatus: scenario.FilingStatus(c.status),
		People:       []scenario.Person{person},
		Cash:         amounts["cash"],
		Income:       []scenario.IncomeYear{{Year: c.startYear, OtherOrdinary: amounts["income"]}},
		Goal:         scenario.Goal{Convert: amounts["goal"]},
		Objective:    scenario.TotalTax,
		Assumptions:  scenario.Assumptions{Inflation: scenario.DefaultInflation},
		Constraints:  scenario.Constraints{IRMAA: scenario.IRMAAIgnore, RuleRegime: scenario.DefaultRuleRegime},
	}
	if err := sc.Validate(); err != nil {
		return nil, badInput(quickFieldError(err))
	}
	return sc, nil
}

// quickPaths names the flag behind each scenario field quick fills.
var quickPaths = []struct{ suffix, flag string }{
	{"after_tax_earnings", "--plan-after-tax-earnings"},
	{"after_tax_contributions", "--plan-after-tax"},
	{"pretax", "--plan-pretax"},
	{"kind", "--plan-kind"},
	{"basis", "--ira-basis"},
	{"balance", "--ira"},
	{"birth_year", "--age/--birth-year"},
	{"filing_status", "--status"},
	{"start_year", "--start-year"},
	{"horizon_years", "--years"},
	{"other_ordinary", "--income"},
	{"goal.convert", "--goal"},
	{"cash", "--cash"},
}

// quickFieldError restates a scenario field error in terms of the flag.
func quickFieldError(err error) error {
	var fe *scenario.FieldError
	if !errors.As(err, &fe) {
		return err
	}
	for _, p := range quickPaths {
		if strings.HasSuffix(fe.Path, p.suffix) {
			return fmt.Errorf("%s (%s): %w", p.flag, fe.Path, fe.Err)
		}
	}
	return err
}
