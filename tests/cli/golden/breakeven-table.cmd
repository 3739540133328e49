breakeven --no-builtin -c tests/fixtures/good/catalog.yaml -s tests/fixtures/good/scenario.yaml
