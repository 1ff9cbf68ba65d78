package cli

import (
	_ "embed"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// scenarioSchema is the JSON Schema (draft 2020-12) of the scenario format of
// docs/scenario.md, written by hand; a test keeps it in step with the
// yaml tags of package scenario.
//
//go:embed scenario.schema.json
var scenarioSchema []byte

// schemaCmd is `optimize schema`.
type schemaCmd struct {
	env    *env
	output outputFlags
}

func newSchemaCmd(e *env) *cobra.Command {
	c := &schemaCmd{env: e}
	cmd := &cobra.Command{
		Use:     "schema",
		Short:   "Print the JSON Schema (draft 2020-12) of the scenario format",
		Example: "  optimize schema > scenario.schema.json",
		Args:    exactArgs(0),
		RunE: func(*cobra.Command, []string) error {
			if !strings.EqualFold(c.output.format, "json") {
				return badInput(fmt.Errorf("-o: schema is written as json only, not %q", c.output.format))
			}
			if err := c.output.check(nil, c.env.stdin, c.env.stdout); err != nil {
				return err
			}
			return c.output.emit(c.env.stdout, func(w io.Writer) error {
				_, err := w.Write(scenarioSchema)
				return err
			})
		},
	}
	c.output.register(cmd, "json", "json")
	return cmd
}
