package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/rothpath/optimize/report"
)

// outputFlags are -o and --out, shared by the commands that write a report.
type outputFlags struct {
	format string
	out    string
}

func (o *outputFlags) register(cmd *cobra.Command, def string, formats string) {
	cmd.Flags().StringVarP(&o.format, "output", "o", def, "output format: "+formats)
	cmd.Flags().StringVar(&o.out, "out", "", "write to this file (atomically: nothing is written on error) instead of stdout")
}

// parse checks the format before any work is done.
func (o *outputFlags) parse() (report.Format, error) {
	f, err := report.ParseFormat(o.format)
	if err != nil {
		return "", badInput(fmt.Errorf("-o: %w", err))
	}
	return f, nil
}

// emit renders the whole output in memory, then writes it to stdout or to
// --out atomically, so that an error leaves nothing written.
func (o *outputFlags) emit(stdout io.Writer, render func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return failed(err)
	}
	if o.out == "" {
		_, err := stdout.Write(buf.Bytes())
		return err
	}
	return writeFileAtomic(o.out, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	})
}

// writeFileAtomic writes a temporary file in the target's directory and
// renames it over the target once complete; on error the temporary file is
// removed and the target is left as it was.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return badInput(fmt.Errorf("--out: %w", err))
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = write(f); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Chmod(tmp, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
