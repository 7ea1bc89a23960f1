// Package narrate is the narrator: the one place where the game is put
// into the course's words. DESIGN §9: "every sentence about the game
// (events, expect lines in present and past, refusals, node status in
// short and long form) comes from the narrator; the UI computes no
// protocol fact and cuts no sentence."
//
//   - events: Event, Lines, WriteEvents; the timeline's key lines (Key,
//     KeySends); the banners (ChosenBanner, ViolationBanner);
//   - expect lines: Expect (present), Past, and why one failed (Unmet);
//   - refusals: Refusal, and Error for any error of the game with the
//     refusals in it in words (InLesson where a lesson owns the setup);
//     a start no run reaches, a what-if start (Start);
//   - a node's status: in short forms for its row (ProposerStatus,
//     ProposerDetails, LearnerStatus), in sentences for look (Node,
//     Network, Meter, Outcome, Decides); a decision of a node played by
//     hand (Decision);
//   - paxosgame run (Run).
//
// The game returns typed events, refusals and read models and writes no
// prose but the errors of its input. The helpers every sentence shares
// (lists, counts) are in internal/words.
package narrate
