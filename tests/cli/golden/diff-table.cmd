diff tests/fixtures/diff/old.json tests/fixtures/diff/new.json
