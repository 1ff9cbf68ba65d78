package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// validateCmd is `optimize validate FILE`.
type validateCmd struct{ env *env }

func newValidateCmd(e *env) *cobra.Command {
	c := &validateCmd{env: e}
	return &cobra.Command{
		Use:     "validate FILE",
		Short:   "Check a scenario file: prints ok, or the error naming the field and line",
		Example: "  optimize validate examples/seed000-split-rollover.yaml",
		Args:    exactArgs(1),
		RunE:    c.run,
	}
}

func (c *validateCmd) run(cmd *cobra.Command, args []string) error {
	if _, err := loadScenario(cmd.Context(), args[0], 0); err != nil {
		return err
	}
	_, err := fmt.Fprintln(c.env.stdout, "ok")
	return err
}
