package scenario

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/rothpath/optimize/money"
)

// Encode writes the scenario as canonical YAML: the spec's key order, every
// key written out (defaults included, so the file says what was assumed),
// money as quoted decimal strings with two places ("350000.00") so no reader
// takes it for a float, and for each account only the keys of its kind.
// Parse reads the output back to an equal Scenario.
func Encode(s *Scenario) ([]byte, error) {
	root := mapNode()
	if s.Name != "" {
		add(root, "name", strNode(s.Name))
	}
	add(root, "start_year", intNode(s.StartYear))
	add(root, "horizon_years", intNode(s.HorizonYears))
	add(root, "filing_status", strNode(string(s.FilingStatus)))

	people := seqNode()
	for _, p := range s.People {
		pn := mapNode()
		add(pn, "id", strNode(p.ID))
		if !p.BirthDate.IsZero() {
			add(pn, "birth_date", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: p.BirthDate.String()})
		}
		if p.BirthYear != 0 {
			add(pn, "birth_year", intNode(p.BirthYear))
		}
		add(pn, "separated_from_service", boolNode(p.SeparatedFromService))
		accounts := seqNode()
		for _, a := range p.Accounts {
			accounts.Content = append(accounts.Content, accountNode(a))
		}
		add(pn, "accounts", accounts)
		people.Content = append(people.Content, pn)
	}
	add(root, "people", people)
	add(root, "cash", moneyNode(s.Cash))

	income := seqNode()
	for _, y := range s.Income {
		yn := mapNode()
		add(yn, "year", intNode(y.Year))
		add(yn, "wages", moneyNode(y.Wages))
		add(yn, "other_ordinary", moneyNode(y.OtherOrdinary))
		add(yn, "qualified_dividends", moneyNode(y.QualifiedDividends))
		add(yn, "long_term_gains", moneyNode(y.LongTermGains))
		add(yn, "social_security", moneyNode(y.SocialSecurity))
		add(yn, "itemized_deductions", moneyNode(y.ItemizedDeductions))
		income.Content = append(income.Content, yn)
	}
	add(root, "income", income)

	if len(s.Residence) > 0 {
		res := seqNode()
		for i, r := range s.Residence {
			rn := mapNode()
			rn.Style = yaml.FlowStyle
			add(rn, "state", strNode(r.State))
			if i > 0 {
				add(rn, "from_year", intNode(r.FromYear))
				if r.FullYear {
					add(rn, "full_year", boolNode(true))
				}
			}
			res.Content = append(res.Content, rn)
		}
		add(root, "residence", res)
	}

	goal := mapNode()
	add(goal, "convert", moneyNode(s.Goal.Convert))
	add(root, "goal", goal)
	add(root, "objective", strNode(string(s.Objective)))

	as := mapNode()
	add(as, "discount_rate", floatNode(s.Assumptions.DiscountRate))
	add(as, "growth_rate", floatNode(s.Assumptions.GrowthRate))
	add(as, "inflation", floatNode(s.Assumptions.Inflation))
	add(as, "state_tax_rate", floatNode(s.Assumptions.StateTaxRate))
	add(root, "assumptions", as)

	cs := mapNode()
	if r := s.Constraints.MaxMarginalRate; r != nil {
		add(cs, "max_marginal_rate", floatNode(*r))
	} else {
		add(cs, "max_marginal_rate", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"})
	}
	add(cs, "irmaa", strNode(string(s.Constraints.IRMAA)))
	add(cs, "rule_regime", strNode(s.Constraints.RuleRegime))
	add(root, "constraints", cs)

	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2) // as in the spec
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}); err != nil {
		return nil, fmt.Errorf("scenario: encoding: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("scenario: encoding: %w", err)
	}
	return buf.Bytes(), nil
}

// accountNode writes the keys of the account's kind: all plan keys for a
// plan; balance and basis for a traditional IRA; balance and (when known)
// first_contribution_year for a Roth IRA.
func accountNode(a Account) *yaml.Node {
	n := mapNode()
	add(n, "id", strNode(a.ID))
	add(n, "kind", strNode(string(a.Kind)))
	if a.Label != "" {
		add(n, "label", strNode(a.Label))
	}
	switch {
	case a.Kind.IsPlan():
		add(n, "pretax", moneyNode(a.Pretax))
		add(n, "after_tax_contributions", moneyNode(a.AfterTaxContributions))
		add(n, "after_tax_earnings", moneyNode(a.AfterTaxEarnings))
		add(n, "pre1987_after_tax", moneyNode(a.Pre1987AfterTax))
		add(n, "designated_roth", moneyNode(a.DesignatedRoth))
		add(n, "separate_after_tax_account", boolNode(a.SeparateAfterTaxAccount))
		if a.SeparatedFromService != nil {
			add(n, "separated_from_service", boolNode(*a.SeparatedFromService))
		}
		src := seqNode()
		src.Style = yaml.FlowStyle
		for _, s := range a.InServiceSources {
			src.Content = append(src.Content, strNode(string(s)))
		}
		add(n, "in_service_sources", src)
		add(n, "allows_in_plan_roth_rollover", boolNode(a.AllowsInPlanRothRollover))
		add(n, "accepts_ira_roll_in", boolNode(a.AcceptsIRARollIn))
	case a.Kind == KindTraditionalIRA:
		add(n, "balance", moneyNode(a.Balance))
		add(n, "basis", moneyNode(a.Basis))
	default:
		add(n, "balance", moneyNode(a.Balance))
		if a.Basis != 0 {
			add(n, "basis", moneyNode(a.Basis))
		}
		if a.FirstContributionYear != 0 {
			add(n, "first_contribution_year", intNode(a.FirstContributionYear))
		}
	}
	return n
}

func mapNode() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }
func seqNode() *yaml.Node { return &yaml.Node{Kind: yaml.SequenceNode} }

func add(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, v)
}

// strNode is a string; the encoder quotes it when it would otherwise read
// back as a number, a bool or null.
func strNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

func intNode(v int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(v)}
}

func boolNode(v bool) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v)}
}

// floatNode writes the shortest decimal that reads back to the same float64,
// without an exponent; whole values ("0") are tagged as integers so the
// encoder does not mark them "!!float 0".
func floatNode(v float64) *yaml.Node {
	text := strconv.FormatFloat(v, 'f', -1, 64)
	tag := "!!float"
	if !strings.Contains(text, ".") {
		tag = "!!int"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: text}
}

func moneyNode(c money.Cents) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.DoubleQuotedStyle, Value: c.String()}
}
