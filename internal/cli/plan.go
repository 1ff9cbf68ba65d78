package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/rothpath/optimize/money"
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

func (s *searchFlags) register(cmd *cobra.Command, top bool) {
	if top {
		cmd.Flags().IntVar(&s.top, "top", 5, "number of strategies to show")
	}
	cmd.Flags().IntVar(&s.workers, "workers", 0, "parallel search workers (0: one per core)")
	cmd.Flags().DurationVar(&s.timeLimit, "time-limit", 30*time.Second, "stop the search after this long and report the best found")
	cmd.Flags().BoolVar(&s.stats, "stats", false, "show search statistics")
}

func (s *searchFlags) settings() (search.Settings, error) {
	if s.top < 0 {
		return search.Settings{}, badInput(fmt.Errorf("--top: %d is negative", s.top))
	}
	if s.workers < 0 {
		return search.Settings{}, badInput(fmt.Errorf("--workers: %d is negative", s.workers))
	}
	if s.timeLimit < 0 {
		return search.Settings{}, badInput(fmt.Errorf("--time-limit: %s is negative", s.timeLimit))
	}
	return search.Settings{Top: s.top, Workers: s.workers, TimeLimit: s.timeLimit}, nil
}

// planCmd is `optimize plan FILE`.
type planCmd struct {
	env    *env
	search searchFlags
	output outputFlags
}

func newPlanCmd(e *env) *cobra.Command {
	c := &planCmd{env: e}
	cmd := &cobra.Command{
		Use:   "plan FILE",
		Short: "Rank the cheapest strategies for the household in a scenario file",
		Example: "  optimize plan examples/seed000-split-rollover.yaml\n" +
			"  optimize plan examples/seed000-split-rollover.yaml -o html --out plan.html",
		Args: exactArgs(1),
		RunE: c.run,
	}
	c.search.register(cmd, true)
	c.output.register(cmd, "table", planFormats)
	return cmd
}

func (c *planCmd) run(cmd *cobra.Command, args []string) error {
	format, err := c.output.parse()
	if err != nil {
		return err
	}
	set, err := c.search.settings()
	if err != nil {
		return err
	}
	sc, err := loadScenario(args[0])
	if err != nil {
		return err
	}
	return solve(cmd.Context(), c.env, sc, set, format, &c.output, c.search.stats)
}

// loadScenario reads a scenario file; every failure is bad input.
func loadScenario(path string) (*scenario.Scenario, error) {
	sc, err := scenario.Load(path)
	if err != nil {
		return nil, badInput(fmt.Errorf("%s: %w", path, err))
	}
	return sc, nil
}

// solve runs the search on a valid scenario and writes the report. An
// infeasible goal is reported in full and gives exit status 1.
func solve(ctx context.Context, e *env, sc *scenario.Scenario, set search.Settings, format report.Format, out *outputFlags, stats bool) error {
	res, err := search.Search(ctx, sc, set)
	if err != nil {
		return failed(err)
	}
	in := reportInput(sc, res)
	in.Stats = stats
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
	return report.Input{
		Scenario:   sc.Name,
		Goal:       sc.Goal.Convert,
		Result:     res,
		PlanTotals: planTotals(sc),
		Brackets:   bracketsFor(sc),
		State:      stateFor(sc),
	}
}

// planTotals maps each plan to its whole balance, so that the report can
// call a distribution of all of it a full distribution.
func planTotals(sc *scenario.Scenario) map[string]money.Cents {
	m := map[string]money.Cents{}
	for _, p := range sc.People {
		for _, a := range p.Accounts {
			if a.Kind.IsPlan() {
				m[a.ID] = a.NonRothBalance() + a.DesignatedRoth
			}
		}
	}
	return m
}
