package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/search"
)

// A plan report is built once as a list of blocks, then rendered as plain
// text, Markdown or HTML, so that the three say the same thing.

type block interface{ isBlock() }

type heading struct {
	level int // 1 title, 2 section, 3 subsection
	text  string
}

type para struct{ text string }

type note struct{ text string }

type list struct {
	items   []string
	ordered bool
}

type grid struct {
	header []string
	rows   [][]string
	right  []bool // right-align column i (numbers)
}

// yearChart is the stacked bar chart of a strategy's added income by year
// (HTML only).
type yearChart struct{ strategy *search.Strategy }

func (heading) isBlock()   {}
func (para) isBlock()      {}
func (note) isBlock()      {}
func (list) isBlock()      {}
func (grid) isBlock()      {}
func (yearChart) isBlock() {}

// planDoc builds the blocks of a plan report. The client-ready form (the
// HTML page) also carries the household, the assumptions and the
// disclosures, and keeps the per-kind tax columns out of the summary table
// so that it fits a narrow page.
func planDoc(in Input, client bool) []block {
	r := in.Result
	e := newExplainer(in)
	title := "Roth conversion plan"
	if in.Scenario != "" {
		title += ": " + in.Scenario
	}
	doc := []block{heading{1, title}, para{goalLine(in)}}
	if in.Stats {
		doc = append(doc, para{statsLine(r.Stats)})
	}
	if client && in.Household != nil {
		doc = append(doc, householdBlocks(in.Household, e)...)
	}
	if len(r.Strategies) > 0 {
		doc = append(doc, heading{2, "Strategies, cheapest first"}, summaryGrid(r.Strategies, client))
		if sum := SummaryText(r, e, in.Goal); sum != "" && e.model != nil {
			doc = append(doc, heading{2, "Why strategy 1"}, para{sum})
		}
	}
	doc = append(doc, obviousBlocks(in, e)...)
	for i := range r.Strategies {
		doc = append(doc, strategyBlocks(&r.Strategies[i], in, e, fmt.Sprintf("Strategy %d", r.Strategies[i].Rank), client)...)
		if i == 0 {
			doc = append(doc, carryOutBlocks(&r.Strategies[i], e)...)
		}
	}
	if in.State != nil {
		doc = append(doc, stateBlocks(in.State)...)
	}
	if len(r.Baseline) > 0 {
		g := grid{header: []string{"Year", "Federal tax without any move"}, right: []bool{false, true}}
		for _, b := range r.Baseline {
			g.rows = append(g.rows, []string{strconv.Itoa(b.Year), b.Federal.Grouped()})
		}
		doc = append(doc, heading{2, "Baseline"}, g)
	}
	if client {
		doc = append(doc, heading{2, "Disclosures"}, list{items: disclosures(in)})
	}
	return doc
}

// carryOutBlocks are what the client and the planner check before acting on
// a strategy: what to confirm with each plan or custodian, and the Forms
// 1099-R to expect.
func carryOutBlocks(s *search.Strategy, e *explainer) []block {
	var out []block
	if v := e.verifyItems(s); len(v) > 0 {
		out = append(out, heading{3, "Verify with the plan administrator or custodian"}, list{items: v})
	}
	if f := e.forms1099R(s); len(f) > 0 {
		out = append(out, heading{3, "Forms 1099-R to expect"}, list{items: f}, note{"Codes from the " + Form1099RSource})
	}
	return out
}

func goalLine(in Input) string {
	r := in.Result
	goal := "Goal: move " + in.Goal.Grouped() + " into Roth accounts"
	switch {
	case r.Status == search.Infeasible:
		s := goal + " — cannot be reached. The most that can be moved is " + r.MaxReachable.Grouped() + "."
		if why := Reason(r); why != "" {
			s += " Why: " + why
		}
		return s
	case len(r.Strategies) == 0 && r.Status == search.Feasible:
		why := "the search stopped (time limit or interruption) before it found one"
		if w := Reason(r); w != "" {
			why = w
		}
		return goal + " — no strategy found; the goal is not proven unreachable. Why: " + why +
			". A longer --time-limit or a shorter horizon may find one."
	case len(r.Strategies) == 0:
		return goal + " — no strategy found."
	case r.Status == search.Optimal:
		return goal + " — reached; the ranking is proven optimal."
	case Reason(r) != "":
		return goal + " — reached, but not proven optimal: " + Reason(r) + "."
	default:
		return goal + " — reached; the search stopped early, so this is the best found, not proven optimal."
	}
}

func statsLine(s search.Stats) string {
	return fmt.Sprintf("Search: %d structures, %d pruned by the bound, %d evaluations in %s.",
		s.Structures, s.Pruned, s.Evaluations, s.Elapsed.Round(time.Millisecond))
}

func summaryGrid(ss []search.Strategy, narrow bool) grid {
	if narrow {
		g := grid{
			header: []string{"Rank", "Total tax", "Converted", "Taxable", "Basis to Roth", "Basis left", "Cash needed"},
			right:  []bool{true, true, true, true, true, true, true},
		}
		for _, s := range ss {
			g.rows = append(g.rows, []string{
				strconv.Itoa(s.Rank), s.TotalTax.Grouped(), s.Converted.Grouped(), s.Taxable.Grouped(),
				s.BasisToRoth.Grouped(), s.BasisLeft.Grouped(), s.CashNeeded.Grouped(),
			})
		}
		return g
	}
	g := grid{
		header: []string{"Rank", "Total tax", "Federal", "State", "Penalty", "IRMAA", "Converted", "Taxable", "Basis to Roth", "Basis left", "Cash needed"},
		right:  []bool{true, true, true, true, true, true, true, true, true, true, true},
	}
	for _, s := range ss {
		g.rows = append(g.rows, []string{
			strconv.Itoa(s.Rank), s.TotalTax.Grouped(), s.FederalTax.Grouped(), s.StateTax.Grouped(),
			s.Penalty.Grouped(), s.IRMAA.Grouped(), s.Converted.Grouped(), s.Taxable.Grouped(),
			s.BasisToRoth.Grouped(), s.BasisLeft.Grouped(), s.CashNeeded.Grouped(),
		})
	}
	return g
}

func obviousBlocks(in Input, e *explainer) []block {
	r := in.Result
	out := []block{heading{2, "Compared with the obvious approach"}}
	if r.Obvious == nil {
		return append(out, para{"There is no obvious approach to compare with: no traditional IRA can convert the goal in the first year."})
	}
	o := r.Obvious
	if len(r.Strategies) == 0 {
		return append(out, para{"The obvious approach — convert the goal from the traditional IRA in the first year — costs " +
			o.TotalTax.Grouped() + " in total tax."})
	}
	best := &r.Strategies[0]
	saving, _ := Saving(r)
	text := "The obvious approach — convert the goal from the traditional IRA in the first year — costs " +
		o.TotalTax.Grouped() + " in total tax; the best strategy costs " + best.TotalTax.Grouped()
	if Discounted(r) {
		text += " (" + o.PresentValue.Grouped() + " and " + best.PresentValue.Grouped() + " in present value, the ranking's measure)"
	}
	switch {
	case saving > 0:
		text += ": a saving of " + saving.Grouped() + inPV(r) + "."
	case saving == 0:
		text += ": the obvious approach is already the cheapest."
	default:
		text += "."
	}
	g := grid{
		header: []string{"Approach", "Total tax", "Taxable", "Basis to Roth", "Basis left", "Cash needed"},
		right:  []bool{false, true, true, true, true, true},
		rows: [][]string{
			{"Obvious", o.TotalTax.Grouped(), o.Taxable.Grouped(), o.BasisToRoth.Grouped(), o.BasisLeft.Grouped(), o.CashNeeded.Grouped()},
			{"Best (rank 1)", best.TotalTax.Grouped(), best.Taxable.Grouped(), best.BasisToRoth.Grouped(), best.BasisLeft.Grouped(), best.CashNeeded.Grouped()},
			{"Saving" + inPV(r), saving.Grouped(), "", "", "", ""},
		},
	}
	out = append(out, para{text}, g)
	if len(o.Steps) > 0 {
		out = append(out, para{"The obvious approach in steps:"}, stepList(o, e, in.Goal))
	}
	return out
}

func strategyBlocks(s *search.Strategy, in Input, e *explainer, name string, client bool) []block {
	lead := "Converts " + s.Converted.Grouped() + ": " + s.Taxable.Grouped() + " taxable and " +
		s.BasisToRoth.Grouped() + " of after-tax basis sent to Roth. Basis left outside Roth: " +
		s.BasisLeft.Grouped() + ". Cash needed: " + s.CashNeeded.Grouped() + ". Present value of the tax: " +
		s.PresentValue.Grouped() + "."
	if client {
		lead += " Total tax " + s.TotalTax.Grouped() + ": federal " + s.FederalTax.Grouped() + ", state " + s.StateTax.Grouped() +
			", additional tax " + s.Penalty.Grouped() + ", IRMAA " + s.IRMAA.Grouped() + "."
	}
	out := []block{heading{2, name + " — total tax " + s.TotalTax.Grouped()}, para{lead}}
	if len(s.Steps) > 0 {
		out = append(out, heading{3, "Steps"}, stepList(s, e, in.Goal))
	}
	if len(s.Variants) > 0 {
		items := make([]string, len(s.Variants))
		for i := range s.Variants {
			items[i] = VariantText(s, &s.Variants[i], e.name)
		}
		out = append(out, heading{3, "Variants of this plan"}, list{items: items})
	}
	skip8606 := false
	if len(s.Years) > 0 {
		ys := e.explain(s, in.Goal)
		out = append(out, heading{3, "By year"}, yearChart{s}, yearGrid(s.Years, ys, in.State))
		if len(ys) > 0 {
			items := make([]string, len(ys))
			for i, y := range ys {
				items[i] = YearWhyText(y)
			}
			out = append(out, heading{3, "Why each year stops where it does"}, list{items: items})
		}
		if g, ok := form8606Grid(s.Years); ok {
			out = append(out, heading{3, "Form 8606"}, g, note{Form8606Note})
			// The note under the form says it: not again among the warnings.
			skip8606 = true
		}
	}
	if len(s.Requires) > 0 {
		out = append(out, heading{3, "Requires"}, list{items: e.requirementsNamed(s.Requires)})
	}
	if warnings := e.warningsNamed(s.Warnings, skip8606); len(warnings) > 0 {
		out = append(out, heading{3, "Warnings"}, list{items: warnings})
	}
	return out
}

// stepList words a strategy's steps for the client, each with its year and
// the rule it rests on.
func stepList(s *search.Strategy, e *explainer, goal money.Cents) list {
	l := list{ordered: true}
	texts := clientSteps(s, e, goal)
	for i, st := range s.Steps {
		t := strconv.Itoa(st.Year) + ": " + strings.TrimRight(texts[i], ".") + "."
		if st.Rule != "" {
			t += " (" + st.Rule + ")"
		}
		l.items = append(l.items, t)
	}
	return l
}

// yearGrid is a strategy's years. With explanations it adds what the next
// $1,000 costs and where the year stops (else the marginal rate); with a
// state income tax, the added tax is split into its federal and state parts
// beside it.
func yearGrid(ys []search.Year, why []YearExplained, st *StateTax) grid {
	explained := len(why) == len(ys)
	g := grid{header: []string{"Year", "Added taxable income", "Added tax"}, right: []bool{false, true, true}}
	if st != nil {
		g.header = append(g.header, "Federal", "State")
		g.right = append(g.right, true, true)
	}
	if explained {
		g.header = append(g.header, "Next $1,000 costs", "Stops at")
		g.right = append(g.right, true, false)
	} else {
		g.header = append(g.header, "Marginal rate")
		g.right = append(g.right, true)
	}
	for i, y := range ys {
		row := []string{strconv.Itoa(y.Year), y.AddedTaxable.Grouped(), y.AddedTax.Grouped()}
		if st != nil {
			fed, state, ok := st.cost(y.Year, y.AddedTaxable)
			if ok {
				row = append(row, fed.Grouped(), state.Grouped())
			} else {
				row = append(row, "", "")
			}
		}
		if explained {
			row = append(row, NextShort(why[i].Next), stopsText(why[i].Stops, y.Year+2, true))
		} else {
			row = append(row, Percent(y.MarginalRate))
		}
		g.rows = append(g.rows, row)
	}
	return g
}

func form8606Grid(ys []search.Year) (grid, bool) {
	people := false
	filed := false
	for _, y := range ys {
		if len(y.Form8606) > 0 {
			filed = true
		}
		if len(y.Form8606) > 1 {
			people = true
		}
	}
	if !filed {
		return grid{}, false
	}
	g := grid{header: []string{"Year"}, right: []bool{false}}
	if people {
		g.header = append(g.header, "Person")
		g.right = append(g.right, false)
	}
	g.header = append(g.header, "Line 6", "Line 9", "Line 10", "Line 13", "Line 14", "Line 18")
	g.right = append(g.right, true, true, true, true, true, true)
	for _, y := range ys {
		for _, f := range y.Form8606 {
			row := []string{strconv.Itoa(y.Year)}
			if people {
				row = append(row, f.Person)
			}
			row = append(row, f.Line6.Grouped(), f.Line9.Grouped(), f.Line10.String(), f.Line13.Grouped(), f.Line14.Grouped(), f.Line18.Grouped())
			g.rows = append(g.rows, row)
		}
	}
	return g, true
}
