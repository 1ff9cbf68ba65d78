package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/search"
)

const frontierLead = "Each row is the least total tax that moves the goal into Roth; the marginal cost is the added tax per added dollar since the previous row."

func frontierGrid(points []search.FrontierPoint, cut *FrontierCut) grid {
	g := grid{header: []string{"Goal", "Least total tax", "Marginal cost"}, right: []bool{true, true, true}}
	for i, p := range points {
		if !p.Feasible {
			g.rows = append(g.rows, []string{p.Goal.Grouped(), "not reachable", ""})
			continue
		}
		tax := p.TotalTax.Grouped()
		if cut.marks(i) {
			tax += notProvenMark
		}
		g.rows = append(g.rows, []string{p.Goal.Grouped(), tax, Percent(p.Marginal)})
	}
	return g
}

func frontierDoc(name string, points []search.FrontierPoint, cut *FrontierCut) []block {
	title := "Least tax by amount moved to Roth"
	if name != "" {
		title += ": " + name
	}
	doc := []block{heading{1, title}, para{frontierLead}, frontierGrid(points, cut)}
	if cut != nil {
		doc = append(doc, note{cut.sentence()})
	}
	return doc
}

type jsonFrontier struct {
	Scenario string              `json:"scenario"`
	Points   []jsonFrontierPoint `json:"points"`
	Stopped  string              `json:"stopped,omitempty"` // FrontierCut's sentence
}

type jsonFrontierPoint struct {
	Goal      jsonMoney  `json:"goal"`
	Feasible  bool       `json:"feasible"`
	TotalTax  *jsonMoney `json:"total_tax,omitempty"`
	Marginal  *float64   `json:"marginal_rate,omitempty"`
	NotProven bool       `json:"not_proven,omitempty"` // a limit cut this point's search
}

// WriteFrontier writes the goal -> least tax table in the format; goal (when
// positive) is marked on the HTML chart.
func WriteFrontier(w io.Writer, f Format, name string, goal money.Cents, points []search.FrontierPoint) error {
	return writeFrontier(w, f, name, goal, points, nil)
}

// WriteFrontierCut writes a frontier whose run a limit cut: the points from
// cut.From on are marked as not proven the least tax, and a sentence says
// why the run stopped and that larger goals were not computed. (CSV gains
// a not_proven column.)
func WriteFrontierCut(w io.Writer, f Format, name string, goal money.Cents, points []search.FrontierPoint, cut FrontierCut) error {
	return writeFrontier(w, f, name, goal, points, &cut)
}

func writeFrontier(w io.Writer, f Format, name string, goal money.Cents, points []search.FrontierPoint, cut *FrontierCut) error {
	switch f {
	case Table:
		return renderText(w, frontierDoc(name, points, cut))
	case Markdown:
		return renderMarkdown(w, frontierDoc(name, points, cut))
	case HTML:
		return writeFrontierHTML(w, name, points, goal, cut)
	case CSV:
		cw := csv.NewWriter(w)
		header := []string{"goal", "feasible", "total_tax", "marginal_rate"}
		if cut != nil {
			header = append(header, "not_proven")
		}
		_ = cw.Write(header)
		for i, p := range points {
			row := []string{p.Goal.String(), fmt.Sprint(p.Feasible), "", ""}
			if p.Feasible {
				row[2], row[3] = p.TotalTax.String(), fmt.Sprint(p.Marginal)
			}
			if cut != nil {
				row = append(row, fmt.Sprint(cut.marks(i)))
			}
			_ = cw.Write(row)
		}
		cw.Flush()
		return cw.Error()
	case JSON:
		out := jsonFrontier{Scenario: name, Points: make([]jsonFrontierPoint, 0, len(points))}
		if cut != nil {
			out.Stopped = cut.sentence()
		}
		for i, p := range points {
			jp := jsonFrontierPoint{Goal: jsonMoney(p.Goal), Feasible: p.Feasible, NotProven: cut.marks(i)}
			if p.Feasible {
				t, m := jsonMoney(p.TotalTax), p.Marginal
				jp.TotalTax, jp.Marginal = &t, &m
			}
			out.Points = append(out.Points, jp)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	return fmt.Errorf("report: unknown format %q", f)
}
