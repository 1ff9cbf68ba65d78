package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/rothpath/optimize/report"
	"github.com/rothpath/optimize/search"
)

// rowWriter writes rank rows as they come, holding nothing but the row.
type rowWriter interface {
	header() error
	row(r rankRow) error
	footer() error
}

var rankHeader = []string{"input", "scenario", "goal", "status", "total_tax", "obvious_tax", "saving", "plan", "error"}

// Row statuses besides the search's (optimal, feasible, infeasible).
const (
	statusBadInput    = "bad input"
	statusError       = "error" // no strategy found before the time limit
	statusInternal    = "internal error"
	statusNotFinished = "not finished"
)

// cells are the row's values in rankHeader order; money as in the JSON
// result format ("24014.00").
func (r rankRow) cells() []string {
	c := make([]string, len(rankHeader))
	c[0], c[1], c[2] = r.source, r.name, strings.ReplaceAll(strings.TrimPrefix(r.goal, "$"), ",", "")
	switch {
	case !r.finished:
		c[3], c[8] = statusNotFinished, "stopped by the interrupt before it was answered"
		return oneLineAll(c)
	case r.bad:
		c[3] = statusBadInput
	case r.internal:
		c[3] = statusInternal
	case r.err != nil && r.status != search.Infeasible:
		c[3] = statusError
	default:
		c[3] = statusWord(r.status)
	}
	if r.best != nil {
		c[4] = r.best.TotalTax.String()
		actions := make([]string, len(r.best.Steps))
		for i, s := range r.best.Steps {
			actions[i] = fmt.Sprintf("%d %s", s.Year, s.Kind.Action())
		}
		c[7] = strings.Join(actions, " + ")
	}
	if r.obvious != nil {
		c[5] = r.obvious.TotalTax.String()
		if r.best != nil {
			c[6] = (r.obvious.PresentValue - r.best.PresentValue).String() // on the ranking's objective
		}
	}
	if r.err != nil {
		c[8] = r.err.Error()
	}
	return oneLineAll(c)
}

func oneLineAll(c []string) []string {
	for i := range c {
		c[i] = oneLine(c[i])
	}
	return c
}

func statusWord(s search.Status) string {
	switch s {
	case search.Optimal:
		return "optimal"
	case search.Feasible:
		return "feasible"
	case search.Infeasible:
		return "infeasible"
	}
	return "unknown"
}

func newRowWriter(f report.Format, w io.Writer) rowWriter {
	switch f {
	case report.CSV:
		return &csvRows{w: csv.NewWriter(w)}
	case report.JSON:
		return &jsonRows{enc: json.NewEncoder(w)}
	case report.Markdown:
		return &markdownRows{w: w}
	case report.HTML:
		return &htmlRows{w: w}
	}
	return &textRows{w: w}
}

type csvRows struct{ w *csv.Writer }

func (c *csvRows) header() error { return c.flush(c.w.Write(rankHeader)) }
func (c *csvRows) row(r rankRow) error {
	return c.flush(c.w.Write(r.cells()))
}
func (c *csvRows) footer() error { return nil }
func (c *csvRows) flush(err error) error {
	if err != nil {
		return err
	}
	c.w.Flush()
	return c.w.Error()
}

// jsonRows writes JSON Lines: one object per household.
type jsonRows struct{ enc *json.Encoder }

type jsonRankRow struct {
	Input      string `json:"input"`
	Scenario   string `json:"scenario"`
	Goal       string `json:"goal"`
	Status     string `json:"status"`
	TotalTax   string `json:"total_tax,omitempty"`
	ObviousTax string `json:"obvious_tax,omitempty"`
	Saving     string `json:"saving,omitempty"`
	Plan       string `json:"plan,omitempty"`
	Error      string `json:"error,omitempty"`
}

func (j *jsonRows) header() error { return nil }
func (j *jsonRows) row(r rankRow) error {
	c := r.cells()
	return j.enc.Encode(jsonRankRow{c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]})
}
func (j *jsonRows) footer() error { return nil }

type markdownRows struct{ w io.Writer }

func (m *markdownRows) header() error {
	_, err := fmt.Fprintf(m.w, "| %s |\n|%s\n", strings.Join(rankHeader, " | "), strings.Repeat("---|", len(rankHeader)))
	return err
}
func (m *markdownRows) row(r rankRow) error {
	c := r.cells()
	for i := range c {
		c[i] = strings.ReplaceAll(c[i], "|", `\|`)
	}
	_, err := fmt.Fprintf(m.w, "| %s |\n", strings.Join(c, " | "))
	return err
}
func (m *markdownRows) footer() error { return nil }

// textRows is a plain-text table with fixed column widths, so that each row
// can be written as soon as it is known.
type textRows struct{ w io.Writer }

var textWidths = []int{32, 28, 12, 10, 12, 12, 12, 0, 0}

func (t *textRows) header() error {
	names := []string{"INPUT", "SCENARIO", "GOAL", "STATUS", "TAX", "OBVIOUS", "SAVING", "PLAN / ERROR"}
	return t.line(names)
}

func (t *textRows) row(r rankRow) error {
	c := r.cells()
	last := c[7]
	if c[8] != "" {
		last = c[8]
	}
	return t.line([]string{c[0], c[1], c[2], c[3], c[4], c[5], c[6], last})
}

func (t *textRows) line(cells []string) error {
	var b strings.Builder
	for i, cell := range cells {
		w := textWidths[i]
		if w == 0 {
			b.WriteString(cell)
			continue
		}
		if r := []rune(cell); len(r) > w-1 {
			cell = string(r[:w-2]) + "…"
		}
		if i >= 2 && i <= 6 && i != 3 {
			b.WriteString(strings.Repeat(" ", w-1-len([]rune(cell))) + cell + " ")
		} else {
			b.WriteString(cell + strings.Repeat(" ", w-len([]rune(cell))))
		}
	}
	_, err := fmt.Fprintln(t.w, strings.TrimRight(b.String(), " "))
	return err
}

func (t *textRows) footer() error { return nil }

// oneLine keeps every row on one line in every format, so that a report is
// a header and then a line per household (what merge relies on): line
// breaks in a file name or message become spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\u0085' || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}
