package build

import (
	"maps"
	"testing"
)

func TestRightHandPlacesBlanksBeforeWorksheets(t *testing.T) {
	ids := []string{"part-1", "part-2", "part-3", "part-4", "part-5"}
	right := []bool{false, true, false, true, true}
	for _, tc := range []struct {
		name    string
		found   map[string]int
		blanks  map[string]bool
		want    map[string]bool
		changed bool
	}{
		{"worksheets already on odd pages", map[string]int{"part-1": 3, "part-2": 5, "part-3": 6, "part-4": 9, "part-5": 11}, nil, map[string]bool{}, false},
		// part-2 on 4 gets a blank (5); part-4 then on 8+1 = 9; part-5 on 10+1 = 11.
		{"one blank moves the rest", map[string]int{"part-1": 3, "part-2": 4, "part-3": 6, "part-4": 8, "part-5": 10}, nil, map[string]bool{"part-2": true}, true},
		// part-4 on 9 would be odd, but the blank before part-2 moves it to 10.
		{"a blank makes a later worksheet left-hand", map[string]int{"part-1": 3, "part-2": 4, "part-3": 6, "part-4": 9, "part-5": 11}, nil, map[string]bool{"part-2": true, "part-4": true}, true},
		// Printed with the blank before part-2: its start includes it; nothing to change.
		{"settled", map[string]int{"part-1": 3, "part-2": 5, "part-3": 7, "part-4": 9, "part-5": 11}, map[string]bool{"part-2": true}, map[string]bool{"part-2": true}, false},
		// A part before the blank grew by a page since: the blank is no longer needed.
		{"a blank no longer needed is removed", map[string]int{"part-1": 3, "part-2": 6, "part-3": 8, "part-4": 12, "part-5": 14}, map[string]bool{"part-2": true}, map[string]bool{}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, changed := rightHand(tc.found, ids, right, tc.blanks)
			if !maps.Equal(got, tc.want) || changed != tc.changed {
				t.Errorf("rightHand = %v, %v; want %v, %v", got, changed, tc.want, tc.changed)
			}
		})
	}
}
