diff tests/fixtures/diff/old.json tests/fixtures/diff/new.json -f json --max-increase 50%
