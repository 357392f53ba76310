// Package osfile reads and writes whole files with as few system calls as the system allows.
//
// An os.File of a regular file costs five system calls besides those that do the work: on
// Linux the runtime sets it non-blocking (two fcntl), fails to add it to its poller
// (epoll_ctl), and sets it blocking again (two fcntl). A build reads one file per page and
// writes one, which makes them a few percent of its time. On Linux the functions here call the
// system directly (file_linux.go); elsewhere they are the os package's (file_other.go).
package osfile

// Info is what the file system records of a file written: its size and modification time.
type Info struct {
	Size    int64
	ModTime int64 // nanoseconds since 1970, as time.Time.UnixNano gives it
}
