package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"

	"github.com/rothpath/optimize/search"
)

const frontierLead = "Each row is the least total tax that moves the goal into Roth; the marginal cost is the added tax per added dollar since the previous row."

func frontierGrid(points []search.FrontierPoint) grid {
	g := grid{header: []string{"Goal", "Least total tax", "Marginal cost"}, right: []bool{true, true, true}}
	for _, p := range points {
		if !p.Feasible {
			g.rows = append(g.rows, []string{p.Goal.Grouped(), "not reachable", ""})
			continue
		}
		g.rows = append(g.rows, []string{p.Goal.Grouped(), p.TotalTax.Grouped(), Percent(p.Marginal)})
	}
	return g
}

func frontierDoc(name string, points []search.FrontierPoint) []block {
	title := "Least tax by amount moved to Roth"
	if name != "" {
		title += ": " + name
	}
	return []block{heading{1, title}, para{frontierLead}, frontierGrid(points)}
}

type jsonFrontier struct {
	Scenario string              `json:"scenario"`
	Points   []jsonFrontierPoint `json:"points"`
}

type jsonFrontierPoint struct {
	Goal     jsonMoney  `json:"goal"`
	Feasible bool       `json:"feasible"`
	TotalTax *jsonMoney `json:"total_tax,omitempty"`
	Marginal *float64   `json:"marginal_rate,omitempty"`
}

// WriteFrontier writes the goal -> least tax table in the format.
func WriteFrontier(w io.Writer, f Format, name string, points []search.FrontierPoint) error {
	switch f {
	case Table:
		return renderText(w, frontierDoc(name, points))
	case Markdown:
		return renderMarkdown(w, frontierDoc(name, points))
	case HTML:
		return WriteFrontierHTML(w, name, points)
	case CSV:
		cw := csv.NewWriter(w)
		_ = cw.Write([]string{"goal", "feasible", "total_tax", "marginal_rate"})
		for _, p := range points {
			row := []string{p.Goal.String(), fmt.Sprint(p.Feasible), "", ""}
			if p.Feasible {
				row[2], row[3] = p.TotalTax.String(), fmt.Sprint(p.Marginal)
			}
			_ = cw.Write(row)
		}
		cw.Flush()
		return cw.Error()
	case JSON:
		out := jsonFrontier{Scenario: name, Points: make([]jsonFrontierPoint, 0, len(points))}
		for _, p := range points {
			jp := jsonFrontierPoint{Goal: jsonMoney(p.Goal), Feasible: p.Feasible}
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
