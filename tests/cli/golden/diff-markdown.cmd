diff tests/fixtures/diff/old.json tests/fixtures/diff/new.json -f markdown --max-increase 100000
