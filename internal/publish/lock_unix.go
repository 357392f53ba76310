//go:build unix

package publish

import (
	"os"
	"syscall"
)

// lock takes an exclusive lock on f, held until f is closed or its process ends; it reports
// whether it got it (false when another holds it).
func lock(f *os.File) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}
