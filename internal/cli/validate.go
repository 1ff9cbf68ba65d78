package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rothpath/optimize/scenario"
)

// validateCmd is `optimize validate FILE`.
type validateCmd struct {
	env    *env
	format string
}

func newValidateCmd(e *env) *cobra.Command {
	c := &validateCmd{env: e}
	cmd := &cobra.Command{
		Use:   "validate FILE",
		Short: "Check a scenario file ('-' reads stdin): prints ok, or the error naming the field and line",
		Example: "  optimize validate examples/seed000-split-rollover.yaml\n" +
			"  optimize validate -o json - < household.yaml",
		Args: exactArgs(1),
		RunE: c.run,
	}
	cmd.Flags().StringVarP(&c.format, "output", "o", "table", "output format: table (ok, or the error on stderr)|json (an object on stdout either way)")
	return cmd
}

// validation is the JSON answer of validate.
type validation struct {
	Input string `json:"input"`
	Valid bool   `json:"valid"`
	Error string `json:"error,omitempty"`
	Field string `json:"field,omitempty"`
	Line  int    `json:"line,omitempty"`
}

func (c *validateCmd) run(cmd *cobra.Command, args []string) error {
	format := strings.ToLower(c.format)
	if format != "table" && format != "json" {
		return badInput(fmt.Errorf("-o: validate writes table or json, not %q", c.format))
	}
	_, err := loadScenarioFrom(cmd.Context(), args[0], c.env.stdin, 0)
	var ee *exitError
	if err != nil && (!errors.As(err, &ee) || ee.code != ExitBadInput) {
		return err // an interrupt: no answer
	}
	if format == "table" {
		if err != nil {
			return err
		}
		_, err := fmt.Fprintln(c.env.stdout, "ok")
		return err
	}
	v := validation{Input: args[0], Valid: err == nil}
	if err != nil {
		name := args[0]
		if name == "-" {
			name = "stdin"
		}
		v.Error = strings.TrimPrefix(errors.Unwrap(err).Error(), name+": ")
		var fe *scenario.FieldError
		if errors.As(err, &fe) {
			v.Field, v.Line = fe.Path, fe.Line
		}
	}
	enc := json.NewEncoder(c.env.stdout)
	enc.SetEscapeHTML(false)
	if werr := enc.Encode(v); werr != nil {
		return werr
	}
	if err != nil {
		return &exitError{code: ExitBadInput} // said on stdout
	}
	return nil
}
