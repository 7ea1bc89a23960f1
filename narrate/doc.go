// Package narrate is the narrator: the one place where the game is put
// into the course's words. "The engine returns typed events ... One
// narrator turns events into the course's words; run, the story, the
// lesson pane, the timeline and export all read events. The engine
// writes no prose." (DESIGN §9)
//
// It tells events (Event, Lines, WriteEvents), expect lines in the
// present and the past (Expect, Past) and why one failed (Unmet), the
// state of the game for a player who cannot see the screen (Node,
// Network, Meter, Outcome), the banners, and `paxosgame run` (Run). The
// helpers every sentence shares (lists, counts) are in internal/words.
package narrate
