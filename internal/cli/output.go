package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rothpath/optimize/report"
)

// outputFlags are -o, --out and --force, shared by the commands that write
// a report.
type outputFlags struct {
	format string
	out    string
	force  bool

	direct bool // --force onto a FIFO or device: written in place, not renamed over
}

func (o *outputFlags) register(cmd *cobra.Command, def string, formats string) {
	cmd.Flags().StringVarP(&o.format, "output", "o", def, "output format: "+formats)
	cmd.Flags().StringVar(&o.out, "out", "", "write to this regular file instead of stdout ('-': stdout), atomically:\n"+
		"a temporary file beside it is renamed over it once complete, and removed on error")
	cmd.Flags().BoolVar(&o.force, "force", false, "let --out name a symbolic link (its target is written) or a FIFO or device\n"+
		"(written directly, not atomically)")
}

// parse checks the format before any work is done.
func (o *outputFlags) parse() (report.Format, error) {
	f, err := report.ParseFormat(o.format)
	if err != nil {
		return "", badInput(fmt.Errorf("-o: %w", err))
	}
	return f, nil
}

// toStdout reports whether the output goes to stdout.
func (o *outputFlags) toStdout() bool { return o.out == "" || o.out == "-" }

// check refuses, before any work, an --out that is not a regular file (a
// folder always; a symbolic link, FIFO, device or socket unless --force) or
// that would overwrite or be read as one of the inputs: an input file, a
// scenario file in an input folder, or stdin. When the output goes to
// stdout, stdout must not be an input either. inputs are the command's
// input paths ("-" for stdin).
func (o *outputFlags) check(inputs []string, stdin io.Reader, stdout io.Writer) error {
	if o.toStdout() {
		if f, ok := stdout.(*os.File); ok {
			if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
				return clashWithInputs("stdout", f.Name(), info, inputs, stdin) // f.Name() is "/dev/stdout"
			}
		}
		return nil
	}
	info, err := os.Lstat(o.out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		dir := filepath.Dir(o.out)
		if d, err := os.Stat(dir); err != nil || !d.IsDir() {
			return badInput(fmt.Errorf("--out: %s: the folder %s does not exist", o.out, dir))
		}
		return clashWithInputs("--out", o.out, nil, inputs, stdin)
	case err != nil:
		return badInput(fmt.Errorf("--out: %w", err))
	}
	path := o.out
	if info.Mode()&fs.ModeSymlink != 0 {
		dest, err := filepath.EvalSymlinks(o.out)
		if !o.force {
			if err != nil {
				dest = "nowhere"
			}
			return badInput(fmt.Errorf("--out: %s is a symbolic link (to %s); name a regular file, or give --force to write its target", o.out, dest))
		}
		if err != nil {
			return badInput(fmt.Errorf("--out: %s is a symbolic link to nowhere: %w", o.out, err))
		}
		o.out, path = dest, dest
		if info, err = os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
			return clashWithInputs("--out", path, nil, inputs, stdin)
		} else if err != nil {
			return badInput(fmt.Errorf("--out: %w", err))
		}
	}
	switch m := info.Mode(); {
	case m.IsDir():
		return badInput(fmt.Errorf("--out: %s is a folder", path))
	case m.IsRegular():
	case !o.force:
		return badInput(fmt.Errorf("--out: %s is %s, not a regular file; name a regular file, '-' for stdout, or give --force to write to it directly", path, kindOf(m)))
	default:
		o.direct = true
	}
	return clashWithInputs("--out", path, info, inputs, stdin)
}

// kindOf names a file mode that is not a regular file or folder.
func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a regular file"
}

// clashWithInputs refuses an output path that is one of the inputs, stdin,
// or a scenario file inside an input folder (which a later walk would read
// as a household). info is the output's Stat when it exists.
func clashWithInputs(what, path string, info fs.FileInfo, inputs []string, stdin io.Reader) error {
	abs, _ := filepath.Abs(path)
	shown := what + ": " + path
	if what == "stdout" {
		shown = "stdout"
	}
	for _, in := range inputs {
		if in == "-" {
			if f, ok := stdin.(*os.File); ok && info != nil {
				if si, err := f.Stat(); err == nil && os.SameFile(si, info) {
					return badInput(fmt.Errorf("%s is stdin, the input; write the report elsewhere", shown))
				}
			}
			continue
		}
		ii, err := os.Stat(in)
		if err != nil {
			continue // the input's own check reports it
		}
		if info != nil && os.SameFile(ii, info) {
			return badInput(fmt.Errorf("%s is the input %s; write the report elsewhere", shown, in))
		}
		if ii.IsDir() && isScenarioFile(path) {
			dir, _ := filepath.Abs(in)
			if real, err := filepath.EvalSymlinks(dir); err == nil {
				dir = real
			}
			parent := filepath.Dir(abs)
			if real, err := filepath.EvalSymlinks(parent); err == nil {
				parent = real
			}
			if rel, err := filepath.Rel(dir, parent); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				return badInput(fmt.Errorf("%s lies in the input folder %s and would be read as a household; write the report elsewhere", shown, in))
			}
		}
	}
	return nil
}

// emit renders the whole output in memory, then writes it to stdout or to
// --out, so that an error leaves nothing written.
func (o *outputFlags) emit(stdout io.Writer, render func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return failed(err)
	}
	return o.write(stdout, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	})
}

// write runs write on the destination check chose: stdout, the FIFO or
// device itself (--force), or a temporary file renamed over --out once
// write succeeds.
func (o *outputFlags) write(stdout io.Writer, write func(io.Writer) error) error {
	switch {
	case o.toStdout():
		return write(stdout)
	case o.direct:
		f, err := os.OpenFile(o.out, os.O_WRONLY, 0)
		if err != nil {
			return badInput(fmt.Errorf("--out: %w", err))
		}
		err = write(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}
	return writeFileAtomic(o.out, write)
}

// writeFileAtomic writes a temporary file in the target's directory and
// renames it over the target once complete; on error, or if a second signal
// stops the program, the temporary file is removed and the target is left
// as it was. A replaced file keeps its permissions; a new one gets 0644.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	mode := fs.FileMode(0o644)
	if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() {
		mode = info.Mode().Perm()
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return badInput(fmt.Errorf("--out: %w", err))
	}
	tmp := f.Name()
	unregister := onStop(func() { os.Remove(tmp) })
	defer unregister()
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
	if err = os.Chmod(tmp, mode); err != nil {
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
