package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/rothpath/optimize/report"
	"github.com/rothpath/optimize/scenario"
	"github.com/rothpath/optimize/search"
)

const planFormats = "table|json|csv|markdown|html"

// searchFlags are the search settings shared by plan, quick and frontier.
type searchFlags struct {
	top       int
	workers   int
	timeLimit time.Duration
	stats     bool
}

// MaxWorkers caps --workers: more parallel searches than this only add
// memory (each holds its own buffers, and in rank its household).
const MaxWorkers = 64

func (s *searchFlags) register(cmd *cobra.Command, top bool) {
	if top {
		cmd.Flags().IntVar(&s.top, "top", 5, "number of strategies to show (at least 1)")
	}
	cmd.Flags().IntVar(&s.workers, "workers", 0, fmt.Sprintf("parallel search workers (0: one per core; at most %d)", MaxWorkers))
	cmd.Flags().DurationVar(&s.timeLimit, "time-limit", 30*time.Second, "stop after this long, reading the input included, and report the best found\n(must be positive)")
	cmd.Flags().BoolVar(&s.stats, "stats", false, "show search statistics")
}

// settings checks the flags: --top at least 1 when the command has it,
// --workers 0..MaxWorkers, --time-limit positive (0 does not mean "none").
func (s *searchFlags) settings(hasTop bool) (search.Settings, error) {
	if hasTop && s.top < 1 {
		return search.Settings{}, badInput(fmt.Errorf("--top: %d: give at least 1", s.top))
	}
	if s.workers < 0 || s.workers > MaxWorkers {
		return search.Settings{}, badInput(fmt.Errorf("--workers: %d is outside 0..%d (0: one per core)", s.workers, MaxWorkers))
	}
	if s.timeLimit <= 0 {
		return search.Settings{}, badInput(fmt.Errorf("--time-limit: %s: give a positive duration such as 30s or 5m", s.timeLimit))
	}
	return search.Settings{Top: s.top, Workers: s.workers, TimeLimit: s.timeLimit}, nil
}

// withTimeLimit returns ctx bounded by the time limit, which covers reading
// the input as well as the search.
func withTimeLimit(ctx context.Context, set search.Settings) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, set.TimeLimit)
}

// remaining is what is left of ctx's time limit for the search (at least a
// nanosecond: search.Settings reads 0 as its default).
func remaining(ctx context.Context, set search.Settings) search.Settings {
	if d, ok := ctx.Deadline(); ok {
		set.TimeLimit = max(time.Until(d), time.Nanosecond)
	}
	return set
}

// clientFlags are what the client report shows beyond the answer.
type clientFlags struct {
	preparer string
}

func (c *clientFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&c.preparer, "preparer", os.Getenv("OPTIMIZE_PREPARER"), "who prepares the report, shown in the HTML report's header (default $OPTIMIZE_PREPARER)")
}

// planCmd is `optimize plan FILE`.
type planCmd struct {
	env    *env
	search searchFlags
	output outputFlags
	client clientFlags
}

func newPlanCmd(e *env) *cobra.Command {
	c := &planCmd{env: e}
	cmd := &cobra.Command{
		Use:   "plan FILE",
		Short: "Rank the cheapest strategies for the household in a scenario file ('-' reads stdin)",
		Example: "  optimize plan examples/seed000-split-rollover.yaml\n" +
			"  optimize plan examples/seed000-split-rollover.yaml -o html --out plan.html\n" +
			"  optimize plan - < household.yaml",
		Args: exactArgs(1),
		RunE: c.run,
	}
	c.search.register(cmd, true)
	c.output.register(cmd, "table", planFormats)
	c.client.register(cmd)
	return cmd
}

func (c *planCmd) run(cmd *cobra.Command, args []string) error {
	format, err := c.output.parse()
	if err != nil {
		return err
	}
	set, err := c.search.settings(true)
	if err != nil {
		return err
	}
	if err := c.output.check(args, c.env.stdin, c.env.stdout); err != nil {
		return err
	}
	ctx, cancel := withTimeLimit(cmd.Context(), set)
	defer cancel()
	sc, err := loadScenarioFrom(ctx, args[0], c.env.stdin, set.TimeLimit)
	if err != nil {
		return err
	}
	return solve(ctx, c.env, sc, set, format, &c.output, c.search.stats, c.client)
}

// searchScenario is the search the commands run; tests replace it to check
// how a broken invariant is reported.
var searchScenario = search.Search

// solve runs the search on a valid scenario within ctx (which carries the
// time limit) and writes the report. An infeasible goal is reported in full
// and gives exit status 1. An interrupt writes nothing. The search failing
// on a scenario that validated is an internal error.
func solve(ctx context.Context, e *env, sc *scenario.Scenario, set search.Settings, format report.Format, out *outputFlags, stats bool, client clientFlags) error {
	res, err := searchScenario(ctx, sc, remaining(ctx, set))
	if in := interrupted(ctx); in != nil {
		return interruptedError(in, "nothing written (--time-limit stops a search early with the best found)")
	}
	if err != nil {
		return internal(err)
	}
	in := reportInput(sc, res)
	in.Stats = stats
	in.Preparer = client.preparer
	in.Colour = format == report.Table && out.toStdout() && useColour(e.stdout)
	in.Date = time.Now()
	if err := out.emit(e.stdout, func(w io.Writer) error { return report.Write(w, format, in) }); err != nil {
		return err
	}
	if res.Status == search.Infeasible {
		msg := "goal infeasible: the most that can be moved is " + res.MaxReachable.Grouped()
		if why := report.Reason(res); why != "" {
			msg += " (" + why + ")"
		}
		return failed(errors.New(msg))
	}
	if len(res.Strategies) == 0 {
		return failed(errors.New("no strategy found before the search stopped; the goal is not proven unreachable (try a longer --time-limit)"))
	}
	return nil
}

// reportInput gathers what the report needs from the scenario.
func reportInput(sc *scenario.Scenario, res *search.Result) report.Input {
	return report.InputFor(sc, res)
}
