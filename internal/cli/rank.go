package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
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
	shard  string
}

func newRankCmd(e *env) *cobra.Command {
	c := &rankCmd{env: e}
	cmd := &cobra.Command{
		Use:   "rank INPUTS...",
		Short: "Answer many households in parallel: a row each with its best strategy, tax and saving",
		Long: "rank reads scenario files, folders of them (*.yaml, *.yml, *.json, recursively), or '-' for\n" +
			"JSON Lines on stdin (one scenario per line). Households are solved in parallel and written in\n" +
			"input order as they finish, in bounded memory. SIGINT or SIGTERM stops the batch: the report\n" +
			"keeps every household answered so far and lists the ones being solved as not finished, in\n" +
			"input order with no gap; the inputs after them are not read (exit status 130 or 143).\n\n" +
			"--shard i/n takes every n-th household from the i-th, so that n runs (machines, or the pods of\n" +
			"a Kubernetes Indexed Job) share a batch; `optimize merge` joins their reports into exactly the\n" +
			"report one run would write.",
		Example: "  optimize rank examples/\n" +
			"  optimize rank -o json - < households.jsonl > results.jsonl\n" +
			"  optimize rank -o json --shard 2/8 --out part-2.jsonl - < households.jsonl",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return badInput(errors.New("rank: give at least one file, folder or '-'"))
			}
			return nil
		},
		RunE: c.run,
	}
	cmd.Flags().IntVar(&c.search.workers, "workers", 0, fmt.Sprintf("households solved at once (0: one per core; at most %d)", MaxWorkers))
	cmd.Flags().DurationVar(&c.search.timeLimit, "time-limit", 30e9, "search time limit per household (must be positive)")
	cmd.Flags().StringVar(&c.shard, "shard", "", "i/n: solve only every n-th household, from the i-th (1 <= i <= n)")
	c.output.register(cmd, "table", "table|json (JSON Lines)|csv|markdown|html")
	return cmd
}

// parseShard reads --shard i/n.
func parseShard(s string) (shard, error) {
	if s == "" {
		return shard{}, nil
	}
	is, ns, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(is)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n || n > 1_000_000 {
		return shard{}, badInput(fmt.Errorf("--shard: %q: want i/n with 1 <= i <= n <= 1000000, e.g. 2/8", s))
	}
	return shard{i, n}, nil
}

func (c *rankCmd) run(cmd *cobra.Command, args []string) error {
	format, err := c.output.parse()
	if err != nil {
		return err
	}
	set, err := c.search.settings(false)
	if err != nil {
		return err
	}
	sh, err := parseShard(c.shard)
	if err != nil {
		return err
	}
	if err := checkInputs(args); err != nil {
		return err
	}
	if err := c.output.check(args, c.env.stdin, c.env.stdout); err != nil {
		return err
	}
	workers := set.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	set.Workers, set.Top = 1, 1
	// rank never reads its own output: a folder walk skips the report's
	// file (stdout redirected into the folder, say).
	skip := func(string) bool { return false }
	if out := outputInfo(&c.output, c.env.stdout); out != nil {
		skip = func(p string) bool { i, err := os.Stat(p); return err == nil && os.SameFile(i, out) }
	}
	in := &inputReader{args: args, stdin: c.env.stdin, shard: sh, skip: skip}
	prog := newProgress(c.env.stderr)
	if prog.on {
		if n, ok := countInputs(args, skip); ok {
			prog.total = sh.of(n)
		} else if len(args) == 1 {
			prog.size = stdinSize(c.env.stdin)
		}
	}
	var sum rankSummary
	err = c.output.write(c.env.stdout, func(w io.Writer) error {
		var err error
		sum, err = c.batch(cmd.Context(), in, set, workers, newRowWriter(format, w), prog)
		return err
	})
	if err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			return err
		}
		return failed(fmt.Errorf("writing the report: %w; the batch was stopped", err))
	}
	if intr := interrupted(cmd.Context()); intr != nil {
		what := fmt.Sprintf("%d households reported, %d listed as not finished", sum.written, sum.notFinished)
		if sum.last != "" {
			what += "; the inputs after " + sum.last + " were not reported"
		}
		return interruptedError(intr, what)
	}
	switch {
	case sum.internal > 0:
		return &exitError{code: ExitInternal, err: fmt.Errorf("%d of %d households hit an internal error (a bug in optimize, not a problem with their input: please report it with the input); see their rows",
			sum.internal, sum.written)}
	case sum.failed > 0:
		return failed(fmt.Errorf("%d of %d households failed or cannot reach their goal (see their rows)", sum.failed, sum.written))
	}
	return nil
}

// outputInfo is the file the report goes to, when it is an existing file.
func outputInfo(o *outputFlags, stdout io.Writer) os.FileInfo {
	if !o.toStdout() {
		info, _ := os.Stat(o.out)
		return info
	}
	if f, ok := stdout.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
			return info
		}
	}
	return nil
}

// stdinSize is the bytes left to read on stdin when it is a regular file
// (for the progress bar's share of the input), else 0.
func stdinSize(stdin io.Reader) int64 {
	f, ok := stdin.(*os.File)
	if !ok {
		return 0
	}
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return 0
	}
	pos, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return 0
	}
	return info.Size() - pos
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
	written     int    // rows of households answered or failed
	notFinished int    // rows of households an interrupt cut short
	failed      int    // of written: bad input, infeasible, no strategy, internal error
	internal    int    // of failed: internal errors
	last        string // the last household read, when an interrupt stopped the reading
}

// errOutput is the cause of a batch stopped because its output failed.
var errOutput = errors.New("the report could not be written")

// batch runs the pipeline: one reader of inputs, workers, and this goroutine
// writing rows in input order. At most 2×workers households are held at once
// (read, being solved, or finished waiting for an earlier one), so memory
// does not grow with the batch.
//
// An interrupt (ctx cancelled) ends the batch at once: the workers' searches
// stop, every household handed to a worker gets its row (answered, or "not
// finished"), in input order, and nothing waits for the reader, which may be
// blocked in a read no context can cancel (stdin open, no new line); it ends
// with the process. A failed write stops the batch the same way.
func (c *rankCmd) batch(parent context.Context, in *inputReader, set search.Settings, workers int, out rowWriter, prog *progress) (rankSummary, error) {
	var sum rankSummary
	ctx, stop := context.WithCancelCause(parent)
	defer stop(nil)
	slots := make(chan struct{}, 2*workers)
	jobs := make(chan household)
	results := make(chan rankRow)
	readErr := make(chan error, 1) // buffered: the reader never blocks on it
	go func() {
		readErr <- in.read(ctx, slots, jobs)
		close(jobs)
	}()
	gate := make(chan struct{}, parseGateSize)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				// jobs is unbuffered: a household the reader could not hand
				// over is given back by read, not lost here.
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
				results <- solveHousehold(ctx, h, set, gate)
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	// After a failed write the loop only drains the workers' rows, so that
	// none is left blocked on results.
	werr := out.header()
	if werr != nil {
		stop(errOutput)
	}
	pending := map[int]rankRow{}
	next := 0
	for r := range results {
		pending[r.seq] = r
		for {
			row, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-slots
			if werr != nil {
				continue
			}
			if werr = out.row(row); werr != nil {
				stop(errOutput) // stop the work at once: nothing more can be reported
				continue
			}
			switch {
			case !row.finished:
				sum.notFinished++
			default:
				sum.written++
				if row.failed() {
					sum.failed++
				}
				if row.internal {
					sum.internal++
				}
			}
			prog.update(sum.written+sum.notFinished, sum.failed, row.offset)
		}
	}
	prog.done()
	if werr != nil {
		return sum, werr
	}
	if err := readResult(ctx, readErr); err != nil && ctx.Err() == nil {
		return sum, err
	}
	if parent.Err() != nil {
		if s, ok := in.lastSent.Load().(string); ok {
			sum.last = s
		}
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
	seq      int
	source   string
	offset   int64
	name     string
	goal     string
	status   search.Status
	best     *search.Strategy
	obvious  *search.Strategy
	err      error
	bad      bool // err is bad input
	internal bool // err is an internal error
	finished bool // false when an interrupt stopped it before its answer
}

// failed reports whether the row is a failure: an error, or an infeasible
// goal.
func (r *rankRow) failed() bool { return r.err != nil || r.status == search.Infeasible }

// parseGateSize is how many large households (see parseHeavy) are parsed at
// once, whatever the number of workers: the parse trees of hostile inputs
// near the caps are the largest thing a batch holds.
const parseGateSize = 2

// parseHeavy is the structure count past which a household's parse goes
// through the gate: a tree of at most 2×parseHeavy+2 nodes (about 1 MB) is
// parsed freely.
const parseHeavy = 2_500

// solveHousehold parses and solves one household. Any panic is that
// household's internal error; the batch goes on.
func solveHousehold(ctx context.Context, h household, set search.Settings, gate chan struct{}) (row rankRow) {
	row = rankRow{seq: h.seq, source: h.source, offset: h.offset, finished: true}
	defer func() {
		if r := recover(); r != nil {
			row.err, row.internal, row.finished = recovered(r), true, true
		}
	}()
	if ctx.Err() != nil {
		row.finished = false
		return row
	}
	if h.err != nil {
		row.err, row.bad = h.err, true
		return row
	}
	if scenario.CountStructure(h.data) > parseHeavy {
		select {
		case gate <- struct{}{}:
			defer func() { <-gate }()
		case <-ctx.Done():
			row.finished = false
			return row
		}
	}
	sc, err := scenario.Parse(h.data)
	if err != nil {
		row.err, row.bad = err, true
		return row
	}
	row.name, row.goal = sc.Name, sc.Goal.Convert.Grouped()
	res, err := searchScenario(ctx, sc, set)
	if ctx.Err() != nil && (err != nil || res.Status != search.Optimal) {
		row.finished = false
		return row
	}
	if err != nil {
		row.err, row.internal = internal(err), true
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
