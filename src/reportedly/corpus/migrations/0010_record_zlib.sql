-- Each document's record (its JSON, `rows.record_without_layers`) is kept packed with zlib: a BLOB about
-- a quarter of the text's size (13,060 bytes of JSON per document became 3,627 in a store of 10,000
-- documents; docs/scale.md). The column keeps its declared type: a column of TEXT affinity stores a BLOB
-- as it is. Every writer packs (`rows.pack_record`) and every reader unpacks (`rows.stored_record`), a
-- text too, so a row left as text still reads. `pack_record` is this reportedly's own function, which
-- `migrate.migrate` registers on the connection; SQLite has no zlib of its own. The pages the texts held
-- are free afterwards and the store's next documents fill them; `VACUUM` gives them back to the disk.

UPDATE documents SET record = pack_record(record) WHERE typeof(record) = 'text';
