package bench

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/rothpath/optimize/search"
)

// Options tune Run. The zero value runs the whole suite from the current
// directory, one search worker per core.
type Options struct {
	Root      string        // module root holding examples/; "" means "."
	Workers   int           // search.Settings.Workers
	TimeLimit time.Duration // search.Settings.TimeLimit per scenario
	TinyOnly  bool          // only the tiny cases (a quick check)
}

// Header is the table's header; Run writes a row per case under it.
var Header = []string{"scenario", "structures", "pruned", "nodes", "time", "best total tax", "status", "gap"}

// Run searches every case of the suite and writes one table with a row per
// case. The table is written once every case is done (tablewriter sizes
// columns from all rows); a cancelled context stops the suite with its error.
func Run(ctx context.Context, w io.Writer, opts Options) error {
	cases := TinyCases()
	if !opts.TinyOnly {
		root := opts.Root
		if root == "" {
			root = "."
		}
		var err error
		if cases, err = Suite(root); err != nil {
			return err
		}
	}
	rows := make([][]string, 0, len(cases))
	for _, c := range cases {
		row, err := runCase(ctx, c, opts)
		if err != nil {
			return fmt.Errorf("bench: %s: %w", c.Name, err)
		}
		rows = append(rows, row)
	}
	return writeTable(w, rows)
}

// runCase searches one case.
func runCase(ctx context.Context, c Case, opts Options) ([]string, error) {
	set := search.Settings{Top: 1, Workers: opts.Workers, TimeLimit: opts.TimeLimit}
	start := time.Now()
	res, err := search.Search(ctx, c.Scenario, set)
	took := time.Since(start)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	best := "infeasible"
	if len(res.Strategies) > 0 {
		best = res.Strategies[0].TotalTax.Grouped()
	}
	status := map[search.Status]string{search.Optimal: "optimal", search.Feasible: "feasible", search.Infeasible: "infeasible"}[res.Status]
	gap := "-"
	if res.Status == search.Feasible && len(res.Strategies) > 0 {
		gap = res.Gap.Grouped()
	}
	s := res.Stats
	return []string{c.Name, fmt.Sprint(s.Structures), fmt.Sprint(s.Pruned), fmt.Sprint(s.Nodes),
		shortDuration(took), best, status, gap}, nil
}

// shortDuration keeps three or so significant figures: the machines are
// noisy, more would be false precision.
func shortDuration(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return d.Round(time.Microsecond).String()
	case d < time.Second:
		return d.Round(10 * time.Microsecond).String()
	}
	return d.Round(time.Millisecond).String()
}

// writeTable renders as report/text.go does: plain ASCII, no colour, no
// wrapping, numbers right-aligned.
func writeTable(w io.Writer, rows [][]string) error {
	align := tw.Alignment{tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignRight, tw.AlignRight, tw.AlignRight, tw.AlignLeft, tw.AlignRight}
	t := tablewriter.NewTable(w,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleASCII)})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithAlignment(align),
	)
	h := make([]any, len(Header))
	for i, v := range Header {
		h[i] = v
	}
	t.Header(h...)
	for _, r := range rows {
		if err := t.Append(r); err != nil {
			return err
		}
	}
	return t.Render()
}
