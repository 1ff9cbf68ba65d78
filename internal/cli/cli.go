// Package cli holds the optimize commands: flags, I/O and wiring only. Each
// command is one small struct whose RunE does the work; Run maps errors to
// the exit status (see the constants below).
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
)

// Exit statuses.
const (
	ExitOK       = 0
	ExitFailed   = 1 // goal infeasible, no strategy found, or (rank) a household failed
	ExitBadInput = 2 // bad flags or scenario; nothing written
	// ExitInternal is an internal error: a bug in optimize, not a problem
	// with the input. The message asks for a report.
	ExitInternal = 3
	// ExitInterrupted and ExitTerminated (128 + the signal's number, as
	// shells report a program a signal ended) follow SIGINT and SIGTERM:
	// plan, quick and frontier write nothing, rank finishes its report with
	// every household either answered or listed as not finished.
	ExitInterrupted = 130
	ExitTerminated  = 143
)

// exitError carries an exit status. A nil err means the message was already
// given (for example an infeasible goal reported in the output).
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// badInput marks an error as bad input (exit status 2).
func badInput(err error) error { return &exitError{code: ExitBadInput, err: err} }

// failed marks an error as a failed answer (exit status 1).
func failed(err error) error { return &exitError{code: ExitFailed, err: err} }

// Run runs the command line args and returns the exit status. Output goes to
// stdout; errors go to stderr prefixed "optimize: ". SIGINT and SIGTERM
// cancel the command's context (see signals.go); a second one ends the
// program at once, removing any temporary file first.
func Run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := notifySignals(stderr)
	defer stop()
	return run(ctx, args, os.Stdin, stdout, stderr)
}

// run is Run with the context and stdin supplied (for tests). A context
// cancelled without an interrupt as its cause counts as SIGINT.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			code = reportError(stderr, recovered(r))
		}
	}()
	root := newRoot(&env{stdin: stdin, stdout: stdout, stderr: stderr})
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetIn(stdin)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	return reportError(stderr, err)
}

// reportError writes err to stderr and returns its exit status.
func reportError(stderr io.Writer, err error) int {
	code := ExitFailed
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
		if ee.err == nil {
			return code
		}
		err = ee.err
	} else if isUsageError(err) {
		code = ExitBadInput
	}
	fmt.Fprintf(stderr, "%s %s\n", paint(useColour(stderr), "1;31", "optimize:"), strings.TrimPrefix(err.Error(), "optimize: "))
	var ie *internalError
	if errors.As(err, &ie) && len(ie.stack) > 0 {
		fmt.Fprintf(stderr, "\n%s", ie.stack)
	}
	return code
}

// isUsageError recognises cobra's own errors about the command line.
func isUsageError(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "accepts ", "requires at least", "invalid argument", "flag needs an argument"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

// env is what the commands read and write.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:           "optimize",
		Short:         "Find the cheapest way to move an amount into Roth accounts",
		Long:          "optimize enumerates the moves that get money into Roth accounts (conversions, split rollovers,\n60-day rollovers, in-plan Roth rollovers, IRA roll-ins), scores each sequence exactly with the\nyear's tax brackets, and ranks them.\n\nExit status: 0 answered, 1 goal infeasible or search failed, 2 bad input, 3 internal error\n(a bug: please report it), 130 interrupted (SIGINT), 143 terminated (SIGTERM).",
		SilenceErrors: true,
		SilenceUsage:  true,
		Version:       "-", // the template below prints the build information
	}
	root.SetVersionTemplate(versionText())
	root.SetFlagErrorFunc(flagError)
	// `optimize completion bash|zsh|fish|powershell` is cobra's own command.
	root.CompletionOptions.HiddenDefaultCmd = false
	root.AddCommand(
		newPlanCmd(e),
		newQuickCmd(e),
		newFrontierCmd(e),
		newRankCmd(e),
		newMergeCmd(e),
		newBracketsCmd(e),
		newValidateCmd(e),
		newSchemaCmd(e),
		newBenchCmd(e),
		newServeCmd(e),
	)
	return root
}

// exactArgs is cobra.ExactArgs with a bad-input exit status.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(cmd, args); err != nil {
			return badInput(err)
		}
		return nil
	}
}
