// Command peakrss runs a command and prints its peak resident memory in
// bytes on stderr's last line, then exits with the command's status. The
// memory benchmark runs optimize through it because Linux counts, in a
// child's peak, the memory of the process that started it: started from
// the benchmark itself (which has built large inputs), optimize would
// inherit the benchmark's peak; started from this small program, only a
// few megabytes of it.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: peakrss COMMAND [ARGS...]")
		os.Exit(2)
	}
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		fmt.Fprintln(os.Stderr, "peakrss:", err)
		os.Exit(2)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		fmt.Fprintln(os.Stderr, "peakrss: no resource usage on this system")
		os.Exit(2)
	}
	fmt.Fprintf(os.Stderr, "\npeakrss %d\n", ru.Maxrss*1024) // Linux reports kilobytes
	os.Exit(code)
}
