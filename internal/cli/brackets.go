package cli

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/rothpath/optimize/report"
	"github.com/rothpath/optimize/scenario"
)

// bracketsCmd is `optimize brackets --year Y --status S`.
type bracketsCmd struct {
	env    *env
	year   int
	status string
}

func newBracketsCmd(e *env) *cobra.Command {
	c := &bracketsCmd{env: e}
	cmd := &cobra.Command{
		Use:     "brackets",
		Short:   "Print the tax figures in force for a year and filing status",
		Example: "  optimize brackets --year 2026 --status single",
		Args:    exactArgs(0),
		RunE: func(*cobra.Command, []string) error {
			return failed(errors.New("brackets: the tax figures are not available yet"))
		},
	}
	cmd.Flags().IntVar(&c.year, "year", 2026, "tax year")
	cmd.Flags().StringVar(&c.status, "status", "single", "filing status")
	return cmd
}

// bracketsFor returns the bracket figures for the report's chart.
func bracketsFor(*scenario.Scenario) report.BracketsFunc { return nil }
