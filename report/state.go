package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/objective"
	"github.com/rothpath/optimize/scenario"
)

// StateTax is the state income tax a plan report shows beside the federal
// figures when the scenario names a residence: each year's state (and the
// state left in the year of a move), its tax without any move, and the
// federal and state cost of the income a strategy adds.
type StateTax struct {
	Years []StateYear
	// States holds the figures of each state named, for its notes.
	States []*objective.StateYearParams
	model  *objective.Model
}

// StateYear is one year's residence.
type StateYear struct {
	Year                      int
	State, Leaving            string // postal codes; Leaving is set in the year of a move
	Baseline, LeavingBaseline money.Cents
}

// StateFigures returns the state income tax of a scenario for a report; nil
// when the scenario names no residence or a flat state_tax_rate overrides it.
func StateFigures(sc *scenario.Scenario) (*StateTax, error) {
	if len(sc.Residence) == 0 || sc.Assumptions.StateTaxRate > 0 {
		return nil, nil
	}
	m, err := objective.NewModel(sc)
	if err != nil {
		return nil, err
	}
	st := &StateTax{model: m}
	seen := map[string]bool{}
	for i := 0; i < m.Years(); i++ {
		code, left := m.Residence(i)
		base, leftBase := m.StateBaseline(i)
		st.Years = append(st.Years, StateYear{Year: m.Year(i), State: code, Leaving: left, Baseline: base, LeavingBaseline: leftBase})
		cur, prev := m.StateFigures(i)
		for _, p := range []*objective.StateYearParams{prev, cur} {
			if p != nil && !seen[p.Code] {
				seen[p.Code] = true
				st.States = append(st.States, p)
			}
		}
	}
	return st, nil
}

// cost returns the federal and state tax that added income costs in year.
func (st *StateTax) cost(year int, added money.Cents) (federal, state money.Cents, ok bool) {
	i := year - st.model.Year(0)
	if i < 0 || i >= st.model.Years() {
		return 0, 0, false
	}
	c := st.model.YearCost(i, added, 0)
	return c.Federal, c.State, true
}

func (st *StateTax) name(code string) string {
	for _, p := range st.States {
		if p.Code == code {
			return p.Name
		}
	}
	return code
}

// residenceText says where the household lives each year, in runs of years.
func (st *StateTax) residenceText() string {
	var parts []string
	for i := 0; i < len(st.Years); {
		y := st.Years[i]
		if y.Leaving != "" {
			parts = append(parts, fmt.Sprintf("%d, the year of the move from %s to %s (a part-year: the added income is taxed as if received while resident in whichever of the two taxes it more)",
				y.Year, st.name(y.Leaving), st.name(y.State)))
			i++
			continue
		}
		j := i
		for j+1 < len(st.Years) && st.Years[j+1].State == y.State && st.Years[j+1].Leaving == "" {
			j++
		}
		span := strconv.Itoa(y.Year)
		if j > i {
			span += "–" + strconv.Itoa(st.Years[j].Year)
		}
		parts = append(parts, st.name(y.State)+" "+span)
		i = j + 1
	}
	return "Residence: " + strings.Join(parts, "; ") + "."
}

// notes are the states' own remarks: no income tax, local taxes left out,
// the readings taken where the scenario does not say enough.
func (st *StateTax) notes() []string {
	var out []string
	for _, p := range st.States {
		if !p.IncomeTax {
			out = append(out, p.Name+" has no individual income tax.")
			continue
		}
		out = append(out, p.Name+": retirement income: "+p.Retirement+" Social Security: "+p.SocialSecurity)
		if p.LocalTaxes != "" {
			out = append(out, p.Name+": "+p.LocalTaxes)
		}
		for _, n := range p.Notes {
			out = append(out, p.Name+": "+n)
		}
	}
	return out
}

// stateBlocks is the report's section on the state income tax.
func stateBlocks(st *StateTax) []block {
	g := grid{header: []string{"Year", "State", "State tax without any move"}, right: []bool{false, false, true}}
	for _, y := range st.Years {
		name := st.name(y.State)
		base := y.Baseline.Grouped()
		if y.Leaving != "" {
			name = st.name(y.Leaving) + " / " + name
			base = y.LeavingBaseline.Grouped() + " / " + base
		}
		g.rows = append(g.rows, []string{strconv.Itoa(y.Year), name, base})
	}
	return []block{heading{2, "State income tax"}, para{st.residenceText()}, g, list{items: st.notes()}}
}
