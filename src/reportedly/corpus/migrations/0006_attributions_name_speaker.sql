-- Linking a stored speaker name to its speaker reads only the attributions whose speaker changes: an
-- index on (speaker_name, speaker_id) finds the unlinked ones, and those linked elsewhere, without
-- reading every earlier attribution of a popular name. It serves `speaker_name = ?` alone too.

CREATE INDEX IF NOT EXISTS attributions_name_speaker ON attributions (speaker_name, speaker_id);
DROP INDEX IF EXISTS attributions_name;
