package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"

	"github.com/spf13/cobra"

	"github.com/rothpath/optimize/report"
	"github.com/rothpath/optimize/scenario"
	"github.com/rothpath/optimize/search"
)

// rankCmd is `optimize rank INPUTS...`: many households, a row each.
type rankCmd struct {
	env    *env
	search searchFlags
	output outputFlags
}

func newRankCmd(e *env) *cobra.Command {
	c := &rankCmd{env: e}
	cmd := &cobra.Command{
		Use:   "rank INPUTS...",
		Short: "Answer many households in parallel: a row each with its best strategy, tax and saving",
		Long: "rank reads scenario files, folders of them (*.yaml, *.yml, *.json, recursively), or '-' for\n" +
			"JSON Lines on stdin (one scenario per line). Households are solved in parallel and written in\n" +
			"input order as they finish, in constant memory. An interrupt (Ctrl-C) stops the batch and leaves\n" +
			"a valid report of every household finished so far.",
		Example: "  optimize rank examples/\n" +
			"  optimize rank -o json - < households.jsonl > results.jsonl",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return badInput(errors.New("rank: give at least one file, folder or '-'"))
			}
			return nil
		},
		RunE: c.run,
	}
	cmd.Flags().IntVar(&c.search.workers, "workers", 0, "households solved at once (0: one per core)")
	cmd.Flags().DurationVar(&c.search.timeLimit, "time-limit", 30e9, "search time limit per household")
	c.output.register(cmd, "table", "table|json (JSON Lines)|csv|markdown")
	return cmd
}

func (c *rankCmd) run(cmd *cobra.Command, args []string) error {
	format, err := c.output.parse()
	if err != nil {
		return err
	}
	if format == report.HTML {
		return badInput(errors.New("-o: rank writes table, json, csv or markdown"))
	}
	set, err := c.search.settings()
	if err != nil {
		return err
	}
	if err := checkInputs(args); err != nil {
		return err
	}
	workers := set.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	set.Workers, set.Top = 1, 1
	var sum rankSummary
	batch := func(w io.Writer) error {
		var err error
		sum, err = c.batch(cmd.Context(), args, set, workers, newRowWriter(format, w))
		return err
	}
	if c.output.out == "" {
		err = batch(c.env.stdout)
	} else {
		err = writeFileAtomic(c.output.out, batch)
	}
	if err != nil {
		return failed(err)
	}
	switch {
	case sum.interrupted:
		return failed(fmt.Errorf("interrupted: %d households reported, the rest not finished", sum.written))
	case sum.failed > 0:
		return failed(fmt.Errorf("%d of %d households failed or cannot reach their goal (see their rows)", sum.failed, sum.written))
	}
	return nil
}

// checkInputs refuses a missing path or more than one '-' before any output.
func checkInputs(args []string) error {
	stdin := 0
	for _, a := range args {
		if a == "-" {
			stdin++
			continue
		}
		if _, err := os.Stat(a); err != nil {
			return badInput(err)
		}
	}
	if stdin > 1 {
		return badInput(errors.New("rank: '-' (stdin) given more than once"))
	}
	return nil
}

type rankSummary struct {
	written, failed int
	interrupted     bool
}

// batch runs the pipeline: one reader of inputs, workers, and this goroutine
// writing rows in input order. At most 2×workers households are held at once
// (read, being solved, or finished waiting for an earlier one), so memory
// does not grow with the batch.
//
// An interrupt (ctx cancelled) must end the batch even while the reader is
// blocked reading an idle stream (stdin open, no new line): a read cannot be
// cancelled, so nothing here waits for the reader once ctx is done. The
// workers stop taking jobs, the rows already finished are written, and the
// reader is left blocked in its read; it ends with the process.
func (c *rankCmd) batch(ctx context.Context, args []string, set search.Settings, workers int, out rowWriter) (rankSummary, error) {
	var sum rankSummary
	slots := make(chan struct{}, 2*workers)
	jobs := make(chan household)
	results := make(chan rankRow)
	readErr := make(chan error, 1) // buffered: the reader never blocks on it
	go func() {
		readErr <- readInputs(ctx, args, c.env.stdin, slots, jobs)
		close(jobs)
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				// jobs is unbuffered: a household the reader could not hand
				// over is given back by readInputs, not lost here.
				var h household
				select {
				case <-ctx.Done():
					return
				case j, ok := <-jobs:
					if !ok {
						return
					}
					h = j
				}
				results <- solveHousehold(ctx, h, set)
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	prog := newProgress(c.env.stderr)
	if err := out.header(); err != nil {
		return sum, err
	}
	pending := map[int]rankRow{}
	next := 0
	var werr error
	for r := range results {
		pending[r.index] = r
		for {
			row, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-slots
			if !row.finished {
				sum.interrupted = true
				continue
			}
			if werr == nil {
				werr = out.row(row)
			}
			sum.written++
			if row.err != nil || row.status == search.Infeasible {
				sum.failed++
			}
			prog.update(sum.written, sum.failed)
		}
	}
	prog.done()
	if err := readResult(ctx, readErr); err != nil && !errors.Is(err, context.Canceled) {
		return sum, err
	}
	if ctx.Err() != nil {
		sum.interrupted = true
	}
	if werr != nil {
		return sum, werr
	}
	return sum, out.footer()
}

// readResult is the reader's error once it has returned; after an interrupt
// it does not wait for a reader still blocked in a read and gives ctx.Err().
// (Without an interrupt the workers end only when jobs is closed, that is
// once the reader has returned, so the first case is ready.)
func readResult(ctx context.Context, readErr <-chan error) error {
	select {
	case err := <-readErr:
		return err
	default:
	}
	select {
	case err := <-readErr:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// rankRow is one household's answer, or its error.
type rankRow struct {
	index    int
	source   string
	name     string
	goal     string
	status   search.Status
	best     *search.Strategy
	obvious  *search.Strategy
	err      error
	finished bool // false when an interrupt stopped its search
}

func solveHousehold(ctx context.Context, h household, set search.Settings) rankRow {
	row := rankRow{index: h.index, source: h.source, finished: true}
	if ctx.Err() != nil {
		row.finished = false
		return row
	}
	if h.err != nil {
		row.err = h.err
		return row
	}
	sc, err := scenario.Parse(h.data)
	if err != nil {
		row.err = err
		return row
	}
	row.name, row.goal = sc.Name, sc.Goal.Convert.Grouped()
	res, err := search.Search(ctx, sc, set)
	if err != nil {
		row.err = err
		row.finished = ctx.Err() == nil
		return row
	}
	if ctx.Err() != nil && res.Status != search.Optimal {
		row.finished = false
		return row
	}
	row.status = res.Status
	if len(res.Strategies) > 0 {
		row.best = &res.Strategies[0]
	}
	row.obvious = res.Obvious
	if res.Status == search.Infeasible {
		row.err = fmt.Errorf("goal infeasible: the most that can be moved is %s", res.MaxReachable.Grouped())
		if why := report.Reason(res); why != "" {
			row.err = fmt.Errorf("%w (%s)", row.err, why)
		}
	} else if len(res.Strategies) == 0 {
		row.err = errors.New("no strategy found before the time limit; the goal is not proven unreachable")
	}
	return row
}
