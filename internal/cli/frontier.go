package cli

import (
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
	set, err := c.search.settings()
	if err != nil {
		return err
	}
	sc, err := loadScenario(args[0])
	if err != nil {
		return err
	}
	if n := sc.TotalConvertible() / step; n > 10_000 {
		return badInput(fmt.Errorf("--step: %s gives %d points; use a larger step", step.Grouped(), n))
	}
	points, err := search.Frontier(cmd.Context(), sc, step, set)
	if err != nil {
		return failed(err)
	}
	return c.output.emit(c.env.stdout, func(w io.Writer) error {
		return report.WriteFrontier(w, format, sc.Name, points)
	})
}
