package cli

import (
	_ "embed"

	"github.com/spf13/cobra"
)

// scenarioSchema is the JSON Schema (draft 2020-12) of the scenario format of
// shared/spec/scenario.md, written by hand; a test keeps it in step with the
// yaml tags of package scenario.
//
//go:embed scenario.schema.json
var scenarioSchema []byte

// schemaCmd is `optimize schema`.
type schemaCmd struct{ env *env }

func newSchemaCmd(e *env) *cobra.Command {
	c := &schemaCmd{env: e}
	return &cobra.Command{
		Use:     "schema",
		Short:   "Print the JSON Schema (draft 2020-12) of the scenario format",
		Example: "  optimize schema > scenario.schema.json",
		Args:    exactArgs(0),
		RunE: func(*cobra.Command, []string) error {
			_, err := c.env.stdout.Write(scenarioSchema)
			return err
		},
	}
}
