package parallel

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestForCallsEachIndexOnce checks every index is called exactly once, whatever the number of
// workers and of iterations.
func TestForCallsEachIndexOnce(t *testing.T) {
	for _, workers := range []int{-1, 0, 1, 2, 3, 8} {
		for _, n := range []int{0, 1, 2, 7, 1000} {
			calls := make([]atomic.Int32, n)
			For(n, workers, func(i int) { calls[i].Add(1) })
			for i := range calls {
				if c := calls[i].Load(); c != 1 {
					t.Fatalf("workers %d, n %d: index %d called %d times", workers, n, i, c)
				}
			}
		}
	}
}

// TestForRunsConcurrently checks that with two workers two calls are under way at once: each
// of the first two waits for the other to start.
func TestForRunsConcurrently(t *testing.T) {
	var started sync.WaitGroup
	started.Add(2)
	done := make(chan struct{})
	go func() {
		For(2, 2, func(int) {
			started.Done()
			started.Wait()
		})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the two calls did not run at the same time")
	}
}

// TestForOneWorkerRunsInOrder checks that one worker calls the indexes in order, on the
// calling goroutine.
func TestForOneWorkerRunsInOrder(t *testing.T) {
	var got []int
	For(5, 1, func(i int) { got = append(got, i) })
	for i, v := range got {
		if v != i {
			t.Fatalf("order %v", got)
		}
	}
	if len(got) != 5 {
		t.Fatalf("order %v", got)
	}
}
