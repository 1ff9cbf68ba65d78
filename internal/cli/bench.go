package cli

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/rothpath/optimize/bench"
)

// benchCmd is `optimize bench`: the fixed suite, a row per scenario.
type benchCmd struct {
	env    *env
	search searchFlags
}

func newBenchCmd(e *env) *cobra.Command {
	c := &benchCmd{env: e}
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Run the benchmark suite: the examples and generated households, a row each with its search statistics",
		Long: "bench searches the fixed suite (examples/*.yaml, the seed-000 household over five years,\n" +
			"generated households of growing size, tiny households) and prints a table: structures tried,\n" +
			"pruned, branch-and-bound nodes, time, best total tax, and the status with its gap when not\n" +
			"proven. Run it from the module root, where examples/ is.",
		Example: "  optimize bench --workers 1\n" +
			"  optimize bench generate -n 10000 > households.jsonl",
		Args: exactArgs(0),
		RunE: c.run,
	}
	cmd.Flags().IntVar(&c.search.workers, "workers", 0, "parallel search workers (0: one per core)")
	cmd.Flags().DurationVar(&c.search.timeLimit, "time-limit", 30e9, "search time limit per scenario")
	cmd.AddCommand(newBenchGenerateCmd(e))
	return cmd
}

func (c *benchCmd) run(cmd *cobra.Command, _ []string) error {
	set, err := c.search.settings(false)
	if err != nil {
		return err
	}
	if info, err := os.Stat("examples"); err != nil || !info.IsDir() {
		return badInput(errors.New("bench: no examples/ folder here; run it from the module root"))
	}
	opts := bench.Options{Root: ".", Workers: set.Workers, TimeLimit: set.TimeLimit}
	if err := bench.Run(cmd.Context(), c.env.stdout, opts); err != nil {
		return failed(err)
	}
	return nil
}

// benchGenerateCmd is `optimize bench generate`: households for `rank -`.
type benchGenerateCmd struct {
	env  *env
	n    int
	tiny bool
}

func newBenchGenerateCmd(e *env) *cobra.Command {
	c := &benchGenerateCmd{env: e}
	cmd := &cobra.Command{
		Use:   "generate -n N",
		Short: "Write N generated households as JSON Lines (one scenario per line), the same every time",
		Example: "  optimize bench generate -n 10000 > households.jsonl\n" +
			"  optimize rank - < households.jsonl",
		Args: exactArgs(0),
		RunE: c.run,
	}
	cmd.Flags().IntVarP(&c.n, "n", "n", 0, "how many households")
	cmd.Flags().BoolVar(&c.tiny, "tiny", false, "tiny households, small enough for the brute-force oracle")
	return cmd
}

func (c *benchGenerateCmd) run(_ *cobra.Command, _ []string) error {
	if c.n <= 0 {
		return badInput(fmt.Errorf("bench generate: -n must be positive, got %d", c.n))
	}
	sh := bench.RealisticShape
	if c.tiny {
		sh = bench.TinyShape
	}
	if err := bench.WriteJSONLines(c.env.stdout, uint64(c.n), sh); err != nil {
		return failed(err)
	}
	return nil
}
