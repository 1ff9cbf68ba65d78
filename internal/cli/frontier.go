package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/rothpath/optimize/money"
	"github.com/rothpath/optimize/report"
	"github.com/rothpath/optimize/search"
)

// frontierCmd is `optimize frontier FILE`.
type frontierCmd struct {
	env    *env
	search searchFlags
	output outputFlags
	step   string
}

func newFrontierCmd(e *env) *cobra.Command {
	c := &frontierCmd{env: e}
	cmd := &cobra.Command{
		Use:   "frontier FILE",
		Short: "Tabulate the least tax for every goal from 0 up, with the marginal cost",
		Example: "  optimize frontier examples/seed000-split-rollover.yaml --step 25000\n" +
			"  optimize frontier examples/seed000-split-rollover.yaml -o html --out frontier.html",
		Args: exactArgs(1),
		RunE: c.run,
	}
	cmd.Flags().StringVar(&c.step, "step", "25000", "goal step in dollars")
	c.search.register(cmd, false)
	c.output.register(cmd, "table", planFormats)
	return cmd
}

func (c *frontierCmd) run(cmd *cobra.Command, args []string) error {
	format, err := c.output.parse()
	if err != nil {
		return err
	}
	step, err := money.Parse(c.step)
	if err != nil || step <= 0 {
		if err == nil {
			err = fmt.Errorf("must be positive")
		}
		return badInput(fmt.Errorf("--step: %q: %w", c.step, err))
	}
	set, err := c.search.settings(false)
	if err != nil {
		return err
	}
	if err := c.output.check(args, c.env.stdin, c.env.stdout); err != nil {
		return err
	}
	// One time limit for the whole run, reading the file included: every
	// point's search ends by the same deadline.
	ctx, cancel := withTimeLimit(cmd.Context(), set)
	defer cancel()
	sc, err := loadScenario(ctx, args[0], set.TimeLimit)
	if err != nil {
		return err
	}
	if n := sc.TotalConvertible() / step; n > 10_000 {
		return badInput(fmt.Errorf("--step: %s gives %d points; use a larger step", step.Grouped(), n))
	}
	points, err := search.Frontier(ctx, sc, step, remaining(ctx, set))
	if in := interrupted(ctx); in != nil {
		return interruptedError(in, "nothing written")
	}
	limited := errors.Is(ctx.Err(), context.DeadlineExceeded)
	if err != nil && !limited {
		return internal(err)
	}
	if !limited {
		return c.output.emit(c.env.stdout, func(w io.Writer) error {
			return report.WriteFrontier(w, format, sc.Name, sc.Goal.Convert, points)
		})
	}
	if len(points) == 0 {
		return failed(fmt.Errorf("the time limit (%s) passed before the first point was solved; nothing written", set.TimeLimit))
	}
	// The deadline may have cut the last point's search (the points before
	// it ended before the deadline), so that point is marked, and the run
	// says it stopped there.
	cut := report.FrontierCut{From: len(points) - 1, Reason: fmt.Sprintf("The time limit (%s)", set.TimeLimit)}
	return c.output.emit(c.env.stdout, func(w io.Writer) error {
		return report.WriteFrontierCut(w, format, sc.Name, sc.Goal.Convert, points, cut)
	})
}
